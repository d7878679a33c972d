import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable, Logger } from '@nestjs/common';
import { Env, PublicUrl } from '#kyc/common';

/** How long one callback POST may take; IDnow documents no retries, so a failure is only logged. */
export const CALLBACK_TIMEOUT_MS = 5000;

export type CallbackOutcome = 'delivered' | 'rejected' | 'failed' | 'dropped';

/**
 * Posts results to the back-office's IDnow callback endpoint, as IDnow does: one JSON POST per result,
 * no signature, no retry. Always called after the result is committed. Logs carry no personal data.
 */
@Injectable()
export class SandboxCallbackSender {
  private readonly log = new Logger('IdnowSandbox');

  constructor(
    private readonly env: Env,
    private readonly publicUrl: PublicUrl,
  ) {}

  /** `${PUBLIC_URL}/providers/idnow/callback[/<IDNOW_CALLBACK_SECRET>]` */
  target(): string {
    const secret = this.env.IDNOW_CALLBACK_SECRET;
    return `${this.publicUrl.value}/providers/idnow/callback${secret ? `/${secret}` : ''}`;
  }

  /** Never throws: a lost callback is what the adapter's polling repairs. */
  async send(result: Record<string, unknown>): Promise<CallbackOutcome> {
    const about = describe(result);
    if (Math.random() < this.env.SANDBOX_CALLBACK_DROP_RATE) {
      this.log.log(`sandbox callback dropped on purpose (${about})`);
      return 'dropped';
    }
    try {
      const status = await post(this.target(), JSON.stringify(result));
      if (status >= 200 && status < 300) {
        this.log.log(`sandbox callback delivered (${about}, HTTP ${status})`);
        return 'delivered';
      }
      this.log.warn(`sandbox callback rejected (${about}, HTTP ${status})`);
      return 'rejected';
    } catch (error) {
      const reason = error instanceof Error ? error.name : 'unknown';
      this.log.warn(`sandbox callback failed (${about}, ${reason})`);
      return 'failed';
    }
  }
}

/** Transaction number and result code only: enough to trace a callback, nothing personal. */
function describe(result: Record<string, unknown>): string {
  const process = result.identificationprocess as Record<string, unknown> | undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v.replace(/[^A-Za-z0-9_-]/g, '') : '?');
  return `txn ${text(process?.transactionnumber)}, ${text(process?.result)}`;
}

/**
 * One POST on its own connection (no keep-alive), as a provider's callback would arrive: no socket of
 * ours lingers in the receiving server, which may be this very process shutting down.
 */
function post(target: string, body: string): Promise<number> {
  const url = new URL(target);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: CALLBACK_TIMEOUT_MS,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('callback timed out'), { name: 'TimeoutError' })),
    );
    req.on('error', reject);
    req.end(body);
  });
}
