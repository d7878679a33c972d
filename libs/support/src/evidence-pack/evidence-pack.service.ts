import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { type AuditActor, AuditService } from '#kyc/audit';
import { Clock, isId, NotFoundError, StoredFileIntegrityError } from '#kyc/common';
import { DocumentCorruptedError, DocumentMissingError, DocumentStorage } from '#kyc/documents';
import {
  EvidencePackRepository,
  type PackDocument,
  type PersonSnapshot,
} from './evidence-pack.repository.js';
import {
  buildManifest,
  documentPath,
  MANIFEST,
  MANIFEST_DIGEST,
  type ManifestFile,
  packFileName,
  sha256Hex,
} from './manifest.js';
import { ZipStream } from './zip-stream.js';

/** A pack on its way out: the attachment's name, the manifest's SHA-256 (as audited) and the zip bytes. */
export interface EvidencePack {
  fileName: string;
  manifestSha256: string;
  files: number;
  stream: Readable;
}

/**
 * The per-customer evidence pack for compliance: the person's records as JSON, every stored document, and
 * a manifest of SHA-256 checksums whose own SHA-256 goes into the audit trail before any byte is sent.
 */
@Injectable()
export class EvidencePackService {
  private readonly log = new Logger(EvidencePackService.name);

  constructor(
    private readonly repo: EvidencePackRepository,
    private readonly storage: DocumentStorage,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async export(personId: string, reason: string, actor: AuditActor): Promise<EvidencePack> {
    const snapshot = isId('person', personId) ? await this.repo.snapshot(personId) : null;
    if (!snapshot) throw new NotFoundError('Person', personId);
    // Every file is checked against its stored checksum first: a damaged one fails the export before
    // anything is audited as exported or sent.
    for (const document of snapshot.documents) (await this.open(document)).destroy();
    const createdAt = this.clock.now();
    const jsonFiles = packJson(snapshot);
    const files: ManifestFile[] = [
      ...jsonFiles.map(([path, data]) => ({ path, bytes: data.length, sha256: sha256Hex(data) })),
      ...snapshot.documents.map((d) => ({
        path: documentPath(d.id, d.name),
        bytes: d.size,
        sha256: d.sha256,
      })),
    ];
    const manifest = buildManifest({
      personId,
      createdAt,
      createdBy: { staffId: actor.actorId ?? null, role: actor.role ?? null },
      reason,
      files,
    });
    await this.audit.record({
      ...actor,
      action: 'person.evidence_pack_exported',
      entityType: 'person',
      entityId: personId,
      diff: {
        reason,
        manifest_sha256: manifest.sha256,
        files: files.length,
        bytes: files.reduce((sum, f) => sum + f.bytes, 0),
        identifications: snapshot.identifications.length,
        documents: snapshot.documents.length,
      },
    });
    const zip = new ZipStream(createdAt);
    this.write(zip, jsonFiles, snapshot.documents, manifest).catch((error: unknown) => {
      if (!zip.closed) this.log.error(`evidence pack of ${personId} aborted: ${(error as Error).message}`);
      zip.fail(error instanceof Error ? error : new Error(String(error)));
    });
    return {
      fileName: packFileName(personId, createdAt),
      manifestSha256: manifest.sha256,
      files: files.length,
      stream: zip.output,
    };
  }

  private async write(
    zip: ZipStream,
    jsonFiles: [string, Buffer][],
    documents: PackDocument[],
    manifest: ReturnType<typeof buildManifest>,
  ): Promise<void> {
    for (const [path, data] of jsonFiles) await zip.addBuffer(path, data);
    for (const document of documents) {
      // Hashed again while copying: the bytes sent are the bytes the manifest names, or the pack breaks off.
      const hash = createHash('sha256');
      let bytes = 0;
      await zip.addStream(documentPath(document.id, document.name), await this.open(document), (chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
      });
      if (hash.digest('hex') !== document.sha256 || bytes !== document.size) {
        throw new Error(`document ${document.id} changed while it was copied`);
      }
    }
    await zip.addBuffer(MANIFEST, manifest.json);
    await zip.addBuffer(MANIFEST_DIGEST, manifest.digestFile, false);
    zip.end();
  }

  /** The bytes after the storage checked them against the stored size and SHA-256. */
  private async open(document: PackDocument): Promise<Readable> {
    try {
      return await this.storage.open(document.storageKey, { sha256: document.sha256, size: document.size });
    } catch (error) {
      if (error instanceof DocumentCorruptedError || error instanceof DocumentMissingError) {
        this.log.error(
          `document ${document.id} failed its integrity check (${error.name}); no evidence pack`,
        );
        throw new StoredFileIntegrityError(
          'A stored file of this person failed its integrity check; no evidence pack was made and the operators have been alerted.',
        );
      }
      throw error;
    }
  }
}

/** The JSON files, in pack order. */
function packJson(s: PersonSnapshot): [string, Buffer][] {
  const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
  return [
    ['person.json', json(s.person)],
    ['identifications.json', json(s.identifications)],
    ['events.json', json(s.events)],
    ['documents.json', json(s.documents.map((d) => ({ ...d.row, pack_path: documentPath(d.id, d.name) })))],
    ['audit-events.json', json(s.auditEvents)],
    ['review.json', json(s.review)],
  ];
}
