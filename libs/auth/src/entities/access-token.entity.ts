import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An issued bearer token, stored as its SHA-256 so a database leak yields no usable token. */
@Entity('access_tokens')
export class AccessTokenEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 64 })
  clientId: string;

  @Column({ type: 'varchar', length: 64 })
  partnerId: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
