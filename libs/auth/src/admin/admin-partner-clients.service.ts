import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { type AuditActor as StaffActor, AuditService } from '#kyc/audit';
import { Clock, type ListQuery, NotFoundError } from '#kyc/common';
import { PartnerAuthService } from '../partner/partner-auth.service.js';
import {
  AdminPartnerClientsRepository,
  type PartnerClientRecord,
} from './admin-partner-clients.repository.js';

const hash = (secret: string) => argon2.hash(secret, { type: argon2.argon2id });

/**
 * Admins issue, rotate and disable partner API clients. A secret is answered once, stored only as an
 * argon2id hash; rotating or disabling revokes the client's tokens (other api processes stop honouring
 * a cached token within 15 s). Every change is audited, the secret never.
 */
@Injectable()
export class AdminPartnerClientsService {
  constructor(
    private readonly repo: AdminPartnerClientsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(q: ListQuery) {
    return this.repo.list(q);
  }

  async get(id: string): Promise<PartnerClientRecord> {
    const row = await this.repo.findUnscoped(id);
    if (!row) throw new NotFoundError('PartnerClient', id);
    return row;
  }

  async create(
    input: { partnerName: string; partnerId?: string },
    actor: StaffActor,
  ): Promise<PartnerClientRecord & { secret: string }> {
    const partnerId = input.partnerId ?? `p-${randomBytes(6).toString('hex')}`;
    const clientId = `c-${randomBytes(9)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, 'x')}`;
    const secret = PartnerAuthService.newSecret();
    const secretHash = await hash(secret);
    const partnerName = (await this.repo.partnerName(partnerId)) ?? input.partnerName.trim();
    const created = await this.repo.transaction(async (tx) => {
      await this.repo.insert(tx, { id: partnerId, name: partnerName }, clientId, secretHash);
      await this.audit.record(
        {
          ...actor,
          action: 'partner_client.created',
          entityType: 'partner_client',
          entityId: clientId,
          diff: { after: { partner_id: partnerId, status: 'active' } },
        },
        tx,
      );
      return (await this.repo.findUnscoped(clientId, tx))!;
    });
    return { ...created, secret };
  }

  async rotate(id: string, actor: StaffActor): Promise<PartnerClientRecord & { secret: string }> {
    await this.get(id);
    const secret = PartnerAuthService.newSecret();
    const secretHash = await hash(secret);
    const rotated = await this.repo.transaction(async (tx) => {
      await this.repo.rotate(tx, id, secretHash, this.clock.now());
      await this.audit.record(
        { ...actor, action: 'partner_client.rotated', entityType: 'partner_client', entityId: id },
        tx,
      );
      return (await this.repo.findUnscoped(id, tx))!;
    });
    return { ...rotated, secret };
  }

  async setStatus(
    id: string,
    status: 'active' | 'disabled',
    actor: StaffActor,
  ): Promise<PartnerClientRecord> {
    const before = await this.get(id);
    if (before.status === status) return before;
    return this.repo.transaction(async (tx) => {
      await this.repo.setStatus(tx, id, status, this.clock.now());
      await this.audit.record(
        {
          ...actor,
          action: status === 'disabled' ? 'partner_client.disabled' : 'partner_client.enabled',
          entityType: 'partner_client',
          entityId: id,
          diff: { before: { status: before.status }, after: { status } },
        },
        tx,
      );
      return (await this.repo.findUnscoped(id, tx))!;
    });
  }
}
