import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { Clock, Env, UnauthorizedError } from '#kyc/common';
import { PartnerAuthRepository, type TokenOwner } from './partner-auth.repository.js';

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Verified against when the client id is unknown, so both paths cost the same time.
const DUMMY_HASH = argon2.hash('not-a-real-secret', { type: argon2.argon2id });
/** Bearer lookups are cached briefly; a disabled client's tokens stop working within this window. */
const CACHE_MS = 15_000;

@Injectable()
export class PartnerAuthService {
  private readonly cache = new Map<string, { owner: TokenOwner; until: number }>();

  constructor(
    private readonly repo: PartnerAuthRepository,
    private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  /** OAuth2 client-credentials grant. Unknown client and wrong secret answer the same. */
  async issueToken(clientId: string, secret: string): Promise<TokenResponse> {
    const client = await this.repo.findClient(clientId);
    const ok = await argon2.verify(client?.secretHash ?? (await DUMMY_HASH), secret);
    if (!client || !ok || client.disabledAt) {
      throw new UnauthorizedError('Client authentication failed: unknown client or wrong secret.');
    }
    const token = randomBytes(32).toString('base64url');
    const ttl = this.env.ACCESS_TOKEN_TTL_SECONDS;
    await this.repo.saveToken(
      sha256(token),
      { partnerId: client.partnerId, clientId },
      new Date(this.clock.now().getTime() + ttl * 1000),
    );
    return { access_token: token, token_type: 'Bearer', expires_in: ttl };
  }

  /** The partner behind a bearer token, or null when it is unknown, expired or its client disabled. */
  async authenticate(token: string): Promise<TokenOwner | null> {
    const hash = sha256(token);
    const now = this.clock.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now.getTime()) return hit.owner;
    const found = await this.repo.findLiveToken(hash, now);
    if (!found) return null;
    if (this.cache.size > 10_000) this.cache.clear();
    const owner = { partnerId: found.partnerId, clientId: found.clientId };
    this.cache.set(hash, { owner, until: Math.min(now.getTime() + CACHE_MS, found.expiresAt.getTime()) });
    return owner;
  }

  /** Create or reset a client; the plain secret is returned to the caller once and never stored. */
  async upsertClient(partner: { id: string; name: string }, clientId: string, secret: string): Promise<void> {
    const hash = await argon2.hash(secret, { type: argon2.argon2id });
    await this.repo.upsertClient(partner, clientId, hash);
  }

  static newSecret(): string {
    return randomBytes(24).toString('base64url');
  }
}
