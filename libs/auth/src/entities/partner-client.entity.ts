import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** OAuth2 client credentials of a partner; the secret is kept only as an argon2id hash. */
@Entity('partner_clients')
export class PartnerClientEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  clientId: string;

  @Column({ type: 'varchar', length: 64 })
  partnerId: string;

  @Column({ type: 'text' })
  secretHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  secretRotatedAt: Date;
}
