import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { AccessTokenEntity } from '../entities/access-token.entity.js';
import { PartnerClientEntity } from '../entities/partner-client.entity.js';
import { PartnerEntity } from '../entities/partner.entity.js';

export interface TokenOwner {
  partnerId: string;
  clientId: string;
}

@Injectable()
export class PartnerAuthRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findClient(clientId: string): Promise<PartnerClientEntity | null> {
    return this.ds.getRepository(PartnerClientEntity).findOneBy({ clientId });
  }

  /** Create the partner if missing and upsert its client, in one transaction. */
  async upsertClient(
    partner: { id: string; name: string },
    clientId: string,
    secretHash: string,
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.createQueryBuilder().insert().into(PartnerEntity).values(partner).orIgnore().execute();
      await m
        .createQueryBuilder()
        .insert()
        .into(PartnerClientEntity)
        .values({
          clientId,
          partnerId: partner.id,
          secretHash,
          secretRotatedAt: new Date(),
          disabledAt: null,
        })
        .orUpdate(['secret_hash', 'secret_rotated_at', 'disabled_at'], ['client_id'])
        .execute();
    });
  }

  async saveToken(tokenHash: string, owner: TokenOwner, expiresAt: Date): Promise<void> {
    await this.ds.getRepository(AccessTokenEntity).insert({ tokenHash, ...owner, expiresAt });
    await this.ds.query(`UPDATE partner_clients SET last_used_at = now() WHERE client_id = $1`, [
      owner.clientId,
    ]);
  }

  /** The owner of a live token whose client is still enabled. */
  async findLiveToken(tokenHash: string, now: Date): Promise<(TokenOwner & { expiresAt: Date }) | null> {
    const rows: { partner_id: string; client_id: string; expires_at: Date }[] = await this.ds.query(
      `SELECT t.partner_id, t.client_id, t.expires_at
         FROM access_tokens t JOIN partner_clients c ON c.client_id = t.client_id
        WHERE t.token_hash = $1 AND t.expires_at > $2 AND c.disabled_at IS NULL`,
      [tokenHash, now],
    );
    const row = rows[0];
    return row ? { partnerId: row.partner_id, clientId: row.client_id, expiresAt: row.expires_at } : null;
  }

  async deleteExpiredTokens(now: Date): Promise<number> {
    const res = await this.ds.getRepository(AccessTokenEntity).delete({ expiresAt: LessThan(now) });
    return res.affected ?? 0;
  }
}
