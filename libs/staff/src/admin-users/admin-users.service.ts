import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { type AuditActor as StaffActor, AuditService } from '#kyc/audit';
import { Clock, ConflictError, type ListQuery, NotFoundError, ValidationError } from '#kyc/common';
import type { Tx } from '#kyc/database';
import { passwordWeakness } from '../users/password-policy.js';
import { StaffUsersRepository } from '../users/staff-users.repository.js';
import { AdminUsersRepository, type StaffUserRecord } from './admin-users.repository.js';
import type { CreateStaffUserDto, UpdateStaffUserDto } from './admin-users.dto.js';

const hash = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/**
 * Admins manage staff: create, change name, role or status, reset a password or the second factor.
 * Each change and its audit event (before/after) commit together; the last active admin cannot be
 * demoted or disabled, and nobody can lock themselves out.
 */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly repo: AdminUsersRepository,
    private readonly users: StaffUsersRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(q: ListQuery) {
    return this.repo.list(q);
  }

  async get(id: string): Promise<StaffUserRecord> {
    const row = await this.repo.find(id);
    if (!row) throw new NotFoundError('StaffUser', id);
    return row;
  }

  async create(dto: CreateStaffUserDto, actor: StaffActor): Promise<StaffUserRecord> {
    const weak = passwordWeakness(dto.password, dto.email);
    if (weak) throw ValidationError.field('password', weak);
    const passwordHash = await hash(dto.password);
    return this.repo.transaction(async (tx) => {
      const created = await this.users.insert(
        {
          email: dto.email.trim(),
          display_name: dto.display_name.trim(),
          role: dto.role,
          password_hash: passwordHash,
        },
        tx,
      );
      if (!created)
        throw new ConflictError('A staff user with this email exists already.', {
          field: 'email',
          message: 'is taken',
        });
      await this.record(tx, actor, 'staff.user_created', created.id, {
        after: {
          email: created.email,
          display_name: created.display_name,
          role: created.role,
          status: 'active',
        },
      });
      return (await this.repo.find(created.id, tx))!;
    });
  }

  async update(id: string, dto: UpdateStaffUserDto, actor: StaffActor): Promise<StaffUserRecord> {
    return this.repo.transaction(async (tx) => {
      const before = await this.repo.find(id, tx);
      if (!before) throw new NotFoundError('StaffUser', id);
      const change = Object.fromEntries(
        (['display_name', 'role', 'status'] as const)
          .filter((k) => dto[k] !== undefined && dto[k] !== before[k])
          .map((k) => [k, k === 'display_name' ? dto[k]!.trim() : dto[k]]),
      ) as UpdateStaffUserDto;
      if (!Object.keys(change).length) return before;
      if (id === actor.actorId && (change.role || change.status)) {
        throw new ConflictError('You cannot change your own role or status: ask another admin.');
      }
      const losesAdmin =
        before.role === 'admin' &&
        before.status === 'active' &&
        (change.role || change.status === 'disabled');
      if (losesAdmin && (await this.repo.countActiveAdmins(tx)) <= 1) {
        throw new ConflictError('This is the last active admin: appoint another admin first.');
      }
      const now = this.clock.now();
      await this.repo.update(tx, id, change, now);
      if (change.status === 'disabled' || change.role) await this.repo.revokeSessions(tx, id, now);
      await this.record(tx, actor, 'staff.user_updated', id, {
        before: Object.fromEntries(
          Object.keys(change).map((k) => [k, before[k as keyof UpdateStaffUserDto]]),
        ),
        after: change,
      });
      return (await this.repo.find(id, tx))!;
    });
  }

  async resetPassword(id: string, password: string, actor: StaffActor): Promise<StaffUserRecord> {
    const user = await this.get(id);
    const weak = passwordWeakness(password, user.email);
    if (weak) throw ValidationError.field('password', weak);
    const passwordHash = await hash(password);
    return this.repo.transaction(async (tx) => {
      const now = this.clock.now();
      await this.repo.setPassword(tx, id, passwordHash, now);
      await this.repo.revokeSessions(tx, id, now);
      await this.record(tx, actor, 'staff.password_reset', id, null);
      return (await this.repo.find(id, tx))!;
    });
  }

  async resetMfa(id: string, actor: StaffActor): Promise<StaffUserRecord> {
    return this.repo.transaction(async (tx) => {
      const before = await this.repo.find(id, tx);
      if (!before) throw new NotFoundError('StaffUser', id);
      const now = this.clock.now();
      await this.repo.resetMfa(tx, id, now);
      await this.repo.revokeSessions(tx, id, now);
      await this.record(tx, actor, 'staff.mfa_reset', id, {
        before: { mfa_enabled: before.mfa_enabled },
        after: { mfa_enabled: false },
      });
      return (await this.repo.find(id, tx))!;
    });
  }

  private async record(tx: Tx, actor: StaffActor, action: string, id: string, diff: unknown): Promise<void> {
    await this.audit.record({ ...actor, action, entityType: 'staff_user', entityId: id, diff }, tx);
  }
}
