import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A tenant: a fintech whose backend calls the partner API. */
@Entity('partners')
export class PartnerEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
