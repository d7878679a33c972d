import { Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseTimeline, type CaseTimelineSource, type TimelineEntry } from '#kyc/identifications';

/** The case timeline's job part: each evidence capture (a background job) and what it stored. */
@Injectable()
export class EvidenceTimelineSource implements CaseTimelineSource, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Optional() private readonly timeline?: CaseTimeline,
  ) {}

  onModuleInit(): void {
    this.timeline?.register(this);
  }

  entries(identificationId: string): Promise<TimelineEntry[]> {
    return this.ds.query<TimelineEntry[]>(
      `SELECT coalesce(finished_at, created_at) AS at, 'job' AS kind, 'system:evidence_capture' AS actor,
              'evidence capture for ' || status || ': ' || state || ', ' || documents || ' document(s)' AS summary,
              NULL AS ref,
              jsonb_build_object('attempts', attempts, 'last_error', last_error, 'queued_at', created_at) AS detail
         FROM evidence_captures WHERE identification_id = $1`,
      [identificationId],
    );
  }
}
