import { Global, Injectable, Module } from '@nestjs/common';

/** One thing that happened to an identification, for the case page's timeline. */
export interface TimelineEntry {
  at: Date;
  /** e.g. status_transition, provider_result, provider_callback, note, proposal, audit, webhook, job */
  kind: string;
  actor: string | null;
  summary: string;
  /** An id to open the detail by (provider result, delivery, audit event). */
  ref: string | null;
  detail: Record<string, unknown>;
}

/** Another lib's part of the story (webhook deliveries, evidence captures), contributed at start-up. */
export interface CaseTimelineSource {
  entries(identificationId: string): Promise<TimelineEntry[]>;
}

/**
 * The registry of timeline sources. Libs that record what happened to an identification register a
 * source, so the arrows stay theirs -> identifications.
 */
@Injectable()
export class CaseTimeline {
  private readonly sources: CaseTimelineSource[] = [];

  register(source: CaseTimelineSource): void {
    this.sources.push(source);
  }

  async entries(identificationId: string): Promise<TimelineEntry[]> {
    const parts = await Promise.all(this.sources.map((s) => s.entries(identificationId)));
    return parts.flat();
  }
}

@Global()
@Module({ providers: [CaseTimeline], exports: [CaseTimeline] })
export class CaseTimelineModule {}
