import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IdnowResultCode } from '../../results/idnow-result.js';
import type { AttemptStage, SandboxIdentification, ScheduledStep } from '../engine/sandbox-identification.js';
import type { PageLanguage, SandboxStartData } from '../engine/start-data.js';
import type { ScenarioCase, ScenarioMode } from '../scenarios.js';

/** A row of sandbox_idnow_identifications: the sandbox's own record, never read by other libs. */
@Entity('sandbox_idnow_identifications')
export class SandboxIdentificationEntity implements SandboxIdentification {
  @PrimaryColumn({ type: 'varchar', length: 64 }) companyId: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) transactionNumber: string;
  @Column({ type: 'varchar', length: 16 }) identId: string;
  @Column({ type: 'text' }) scenario: ScenarioCase;
  @Column({ type: 'text' }) mode: ScenarioMode;
  @Column({ type: 'jsonb' }) startData: SandboxStartData;
  @Column({ type: 'char', length: 2 }) language: PageLanguage;
  @Column({ type: 'text' }) stage: AttemptStage;
  @Column({ type: 'integer' }) attempts: number;
  @Column({ type: 'text', nullable: true }) mobileNumber: string | null;
  @Column({ type: 'integer' }) codeAttempts: number;
  @Column({ type: 'timestamptz', nullable: true }) callEndedAt: Date | null;
  @Column({ type: 'text', nullable: true }) resultCode: IdnowResultCode | null;
  @Column({ type: 'jsonb', nullable: true }) result: Record<string, unknown> | null;
  @Column({ type: 'jsonb' }) steps: ScheduledStep[];
  @Column({ type: 'timestamptz', nullable: true }) nextDueAt: Date | null;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}
