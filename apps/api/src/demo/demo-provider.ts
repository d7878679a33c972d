import { Injectable } from '@nestjs/common';
import { IdentificationProvider, IdentificationsService, ProviderResultsService } from '#kyc/identifications';
import { CallbackProcessor, IdnowSandboxService, type IdnowResultCode, mapResultToStatus } from '#kyc/idnow';

/** An identification as the partner addresses it. */
export interface IdentificationRef {
  partnerId: string;
  personId: string;
  id: string;
}

/**
 * The provider's side of the demo: the built-in IDnow sandbox publishes a result (its admin's forced
 * outcome), posts the callback over HTTP to the api's intake as IDnow would, and the callback is
 * processed here, in the caller's simulated time, instead of by the processor's own runs.
 */
@Injectable()
export class DemoProvider {
  constructor(
    private readonly sandbox: IdnowSandboxService,
    private readonly processor: CallbackProcessor,
    private readonly provider: IdentificationProvider,
    private readonly results: ProviderResultsService,
    private readonly identifications: IdentificationsService,
  ) {}

  /** Keep the processor's automatic runs (real time) off this identification's callbacks; answers the release. */
  hold(identificationId: string): () => void {
    return this.processor.hold(identificationId);
  }

  /** The sandbox publishes `result` now; its callback is stored by the intake and processed before this returns. */
  async publish(ref: IdentificationRef, result: IdnowResultCode, reason?: string): Promise<void> {
    await this.sandbox.forceOutcome(ref.id, result, reason ?? null);
    await this.processor.drain({ only: [ref.id] });
    const { status } = await this.identifications.get(ref.partnerId, ref.personId, ref.id);
    if (status === mapResultToStatus(result)) return;
    // The callback was lost (SANDBOX_CALLBACK_DROP_RATE) or another process holds it: pull the result,
    // as reconciliation does. Applying it twice changes nothing.
    const pulled = await this.provider.fetchResult(ref.id);
    if (pulled) await this.results.apply(this.provider.name, pulled, 'poll');
  }
}
