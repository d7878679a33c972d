import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { IdentificationStatus } from '../rules/identification-status.js';

/** One attempt to identify a person. The transaction number at the provider is this id. */
@Entity('identifications')
export class IdentificationEntity {
  @PrimaryColumn({ type: 'char', length: 36 }) id: string;
  @Column({ type: 'varchar', length: 64 }) partnerId: string;
  @Column({ type: 'char', length: 36 }) personId: string;
  @Column({ type: 'text' }) method: string;
  @Column({ type: 'text' }) status: IdentificationStatus;
  @Column({ type: 'char', length: 2, nullable: true }) language: string | null;
  @Column({ type: 'text', nullable: true }) proofOfAddressType: string | null;
  @Column({ type: 'date', nullable: true }) proofOfAddressIssuedAt: string | null;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text', nullable: true }) url: string | null;
  @Column({ type: 'timestamptz', nullable: true }) urlExpiresAt: Date | null;
  @Column({ type: 'integer', nullable: true }) estimatedWaitingTime: number | null;
  @Column({ type: 'text', nullable: true }) failureReason: string | null;
  @Column({ type: 'text', nullable: true }) providerResult: string | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) requestedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) reviewStartedAt: Date | null;
  @Column({ type: 'boolean', default: false }) flagged: boolean;
  @Column({ type: 'jsonb', default: () => "'[]'" }) flagReasons: string[];
  @Column({ type: 'char', length: 36, nullable: true }) previousIdentificationId: string | null;
  /** Set while the identification is an open review case (under review or flagged). */
  @Column({ type: 'timestamptz', nullable: true }) caseOpenedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) caseDueAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) assigneeId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) assignedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'integer', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
