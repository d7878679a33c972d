import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import argon2 from 'argon2';
import { AuditService } from '#kyc/audit';
import { ConfigError, Env } from '#kyc/common';
import { passwordWeakness } from './password-policy.js';
import { StaffUsersRepository } from './staff-users.repository.js';

/**
 * On the first start (no staff user yet) the admin comes from ADMIN_EMAIL and ADMIN_PASSWORD; the
 * sandbox has documented defaults, production none. Several api processes may race: the unique email wins.
 */
@Injectable()
export class FirstAdmin implements OnApplicationBootstrap {
  private readonly log = new Logger(FirstAdmin.name);

  constructor(
    private readonly users: StaffUsersRepository,
    private readonly audit: AuditService,
    private readonly env: Env,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.env;
    if (!email || !password) {
      this.log.warn('No console user exists: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin');
      return;
    }
    const weak = passwordWeakness(password, email);
    if (weak) throw new ConfigError(`Invalid setting ADMIN_PASSWORD: ${weak}`);
    const created = await this.users.insert({
      email,
      display_name: 'Administrator',
      role: 'admin',
      password_hash: await argon2.hash(password, { type: argon2.argon2id }),
    });
    if (!created) return;
    await this.audit.record({
      actorType: 'system',
      action: 'staff.user_created',
      entityType: 'staff_user',
      entityId: created.id,
      diff: { after: { role: 'admin', status: 'active', source: 'first start' } },
    });
    this.log.log('The first console admin was created from ADMIN_EMAIL');
  }
}
