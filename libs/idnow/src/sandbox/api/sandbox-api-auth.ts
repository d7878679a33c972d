import { Injectable } from '@nestjs/common';
import { Clock, Env } from '#kyc/common';
import { IdnowApiError } from './idnow-api.error.js';
import { isValidLoginToken, issueLoginToken, sameText } from './login-token.js';

/** IDnow's two credentials: the API key (login, start, robot) and the login token (everything else). */
@Injectable()
export class SandboxApiAuth {
  constructor(
    private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  login(companyId: string, body: unknown): { authToken: string } {
    const apiKey = (body as { apiKey?: unknown } | null)?.apiKey;
    this.checkApiKey(companyId, typeof apiKey === 'string' ? apiKey : undefined);
    return { authToken: issueLoginToken(this.apiKey(), companyId, this.clock.now()) };
  }

  checkApiKey(companyId: string, given: string | undefined): void {
    const key = this.env.IDNOW_API_KEY;
    if (!this.isCompany(companyId) || !key || given === undefined || !sameText(given, key)) {
      throw new IdnowApiError('SECURITY_VIOLATION');
    }
  }

  checkLoginToken(companyId: string, token: string | undefined): void {
    if (!this.isCompany(companyId)) throw new IdnowApiError('SECURITY_VIOLATION');
    if (!isValidLoginToken(token, this.apiKey(), companyId, this.clock.now())) {
      throw new IdnowApiError('INVALID_LOGIN_TOKEN');
    }
  }

  private isCompany(companyId: string): boolean {
    return companyId === this.env.IDNOW_COMPANY_ID;
  }

  private apiKey(): string {
    const key = this.env.IDNOW_API_KEY;
    if (!key) throw new IdnowApiError('SECURITY_VIOLATION');
    return key;
  }
}
