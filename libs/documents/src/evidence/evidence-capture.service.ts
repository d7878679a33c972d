import { Injectable, Logger } from '@nestjs/common';
import { Clock, newId } from '#kyc/common';
import { type EvidenceFile, IdentificationProvider } from '#kyc/identifications';
import { storageKeyFor } from '../document.record.js';
import { DocumentsRepository } from '../documents.repository.js';
import { DocumentStorage } from '../storage/index.js';
import { type ClaimedCapture, EvidenceCapturesRepository } from './evidence-captures.repository.js';

/** Evidence kept for compliance only: the raw audio log and result data are not the partner's. */
const PARTNER_VISIBLE = new Set(['KYC_REPORT', 'SIGNATURE', 'ID_DOCUMENT', 'PICTURE']);
const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 30_000;
const LAST_RETRY_MS = 3_600_000;

/**
 * Stores the provider's evidence of an identification as documents: the KYC report, signature, ID
 * images, face photo and audio log. Idempotent (a file already stored is not stored twice); a provider
 * failure is retried with backoff for about a day; a provider that has no evidence (aborted, or deleted
 * after a cancel) finishes the capture as unavailable.
 */
@Injectable()
export class EvidenceCaptureService {
  private readonly log = new Logger(EvidenceCaptureService.name);

  constructor(
    private readonly captures: EvidenceCapturesRepository,
    private readonly documents: DocumentsRepository,
    private readonly storage: DocumentStorage,
    private readonly provider: IdentificationProvider,
    private readonly clock: Clock,
  ) {}

  async capture(c: ClaimedCapture): Promise<void> {
    let stored = 0;
    try {
      if (c.status === 'canceled') {
        const marked = await this.captures.markProviderCanceled(c.identificationId, this.clock.now());
        if (marked)
          this.log.log(
            `identification ${c.identificationId}: ${marked} evidence documents marked canceled by the provider`,
          );
      }
      const files = await this.provider.fetchEvidence(c.identificationId);
      if (files === null) {
        await this.captures.finish(c, 'unavailable', 0, null, this.clock.now());
        return;
      }
      for (const file of files) {
        if (file.bytes.length === 0) continue;
        if (await this.store(c, file)) stored++;
      }
      await this.captures.finish(c, 'done', stored, null, this.clock.now());
    } catch (error) {
      const why = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : 'unknown error';
      if (c.attempts >= MAX_ATTEMPTS) {
        this.log.error(
          `identification ${c.identificationId}: evidence capture gave up after ${c.attempts} attempts (${why})`,
        );
        await this.captures.finish(c, 'failed', stored, why, this.clock.now());
        return;
      }
      const delay = Math.min(LAST_RETRY_MS, FIRST_RETRY_MS * 2 ** (c.attempts - 1));
      this.log.warn(
        `identification ${c.identificationId}: evidence capture attempt ${c.attempts} failed (${why}); retry in ${delay / 1000} s`,
      );
      await this.captures.retryAt(c, new Date(this.clock.now().getTime() + delay), stored, why);
    }
  }

  /** One file: bytes first, then the row; a file already captured leaves no second copy behind. */
  private async store(c: ClaimedCapture, file: EvidenceFile): Promise<boolean> {
    const id = newId('document');
    const key = storageKeyFor(id);
    const put = await this.storage.put(key, file.bytes);
    const inserted = await this.documents
      .insert({
        id,
        partnerId: c.partnerId,
        personId: c.personId,
        identificationId: c.identificationId,
        name: file.name,
        contentType: put.contentType ?? 'application/octet-stream',
        documentType: file.documentType,
        size: put.size,
        sha256: put.sha256,
        storageKey: key,
        source: 'provider',
        providerFile: file.name,
        partnerVisible: PARTNER_VISIBLE.has(file.documentType),
        customerAccessible: false,
        providerCanceledAt: null,
        createdAt: this.clock.now(),
        deletedAt: null,
      })
      .catch(async (error: unknown) => {
        await this.storage.remove(key).catch(() => undefined);
        throw error;
      });
    if (!inserted) await this.storage.remove(key);
    return inserted;
  }
}
