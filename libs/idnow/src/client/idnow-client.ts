import { IdnowPayloadError, IdnowRequestError } from '../errors/idnow-errors.js';
import { isRecord } from '../util/json-guards.js';
import { errorForResponse, parseIdnowErrors, unavailableFrom } from './idnow-response.js';
import { assertTransactionNumber, startBody, type IdnowStartData } from './idnow-start-data.js';

export interface IdnowClientOptions {
  /** e.g. https://gateway.test.idnow.de (no /api/v1) */
  baseUrl: string;
  companyId: string;
  apiKey: string;
  /** Per request, covering the body download too. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface IdnowAccount {
  shortname: string | null;
  shortcode: string | null;
  name: string | null;
  /** Seconds, as IDnow estimates the current wait for an agent. */
  estimatedWaitingTime: number | null;
}

export interface IdnowStartResult {
  id: string;
  /** true when IDnow created it (201), false when it updated an unfinished one (200). */
  created: boolean;
}

export type IdnowListKind = 'successful' | 'pending' | 'aborted' | 'cancelled';

const LIST_QUERY: Record<IdnowListKind, string> = {
  successful: '',
  pending: '?pending=true',
  aborted: '?aborted=true',
  cancelled: '?cancelled=true',
};

interface Call {
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  apiKey?: boolean;
  accept?: string;
}

/** IDnow's REST API (v1) for one company: start, results, evidence. Pure fetch, no framework. */
export class IdnowClient {
  private readonly root: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private token: Promise<string> | null = null;

  constructor(private readonly options: IdnowClientOptions) {
    this.root = `${options.baseUrl.replace(/\/+$/, '')}/api/v1/${encodeURIComponent(options.companyId)}`;
    this.timeoutMs = options.timeoutMs ?? 10000;
    // Looked up per call so a global fetch installed later (or by a test runner) is honoured.
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** The login token, fetched once and shared by concurrent callers until IDnow rejects it. */
  login(): Promise<string> {
    if (!this.token) {
      const pending = this.requestToken();
      this.token = pending;
      void pending.catch(() => {
        if (this.token === pending) this.token = null;
      });
    }
    return this.token;
  }

  async start(transactionNumber: string, data: IdnowStartData): Promise<IdnowStartResult> {
    assertTransactionNumber(transactionNumber);
    const operation = 'start';
    const response = await this.send({
      operation,
      method: 'POST',
      path: `/identifications/${transactionNumber}/start`,
      body: startBody(data),
      apiKey: true,
    });
    if (!response.ok) throw await this.failure(response, operation);
    const json = await this.readJson(response, operation);
    const id = isRecord(json) ? json.id : undefined;
    if (typeof id !== 'string' || id === '') throw new IdnowPayloadError('id', 'is missing', operation);
    return { id, created: response.status === 201 };
  }

  async getAccount(): Promise<IdnowAccount> {
    const operation = 'getAccount';
    const response = await this.withToken({ operation, method: 'GET', path: '' });
    const json = await this.readJson(response, operation);
    if (!isRecord(json)) throw new IdnowPayloadError('$', 'is not an object', operation);
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const wait = json.estimatedWaitingTime;
    return {
      shortname: str(json.shortname),
      shortcode: str(json.shortcode),
      name: str(json.name),
      estimatedWaitingTime: typeof wait === 'number' && Number.isFinite(wait) ? wait : null,
    };
  }

  /** One identification as IDnow sends it (parse with `parseIdnowResult`); null when IDnow has none. */
  async getIdentification(transactionNumber: string): Promise<unknown> {
    assertTransactionNumber(transactionNumber);
    const operation = 'getIdentification';
    const call: Call = { operation, method: 'GET', path: `/identifications/${transactionNumber}` };
    const response = await this.withToken(call, true);
    return response ? this.readJson(response, operation) : null;
  }

  /** The raw list elements; `successful` is IDnow's default list. */
  async listIdentifications(kind: IdnowListKind): Promise<unknown[]> {
    const operation = 'listIdentifications';
    const query = LIST_QUERY[kind] as string | undefined;
    if (query === undefined) throw new IdnowRequestError('kind', 'is not a known list', operation);
    const response = await this.withToken({ operation, method: 'GET', path: `/identifications${query}` });
    const json = await this.readJson(response, operation);
    if (!isRecord(json)) throw new IdnowPayloadError('$', 'is not an object', operation);
    if (json.identifications === undefined || json.identifications === null) return [];
    if (!Array.isArray(json.identifications)) {
      throw new IdnowPayloadError('identifications', 'is not an array', operation);
    }
    return json.identifications as unknown[];
  }

  /** The evidence zip (PDF, images, audio, XML); null when IDnow has none. */
  async downloadEvidence(transactionNumber: string): Promise<Buffer | null> {
    assertTransactionNumber(transactionNumber);
    const operation = 'downloadEvidence';
    const path = `/identifications/${transactionNumber}.zip`;
    const response = await this.withToken(
      { operation, method: 'GET', path, accept: 'application/zip' },
      true,
    );
    if (!response) return null;
    try {
      return Buffer.from(await response.arrayBuffer());
    } catch (error) {
      throw unavailableFrom(error, operation);
    }
  }

  private async requestToken(): Promise<string> {
    const operation = 'login';
    const body = { apiKey: this.options.apiKey };
    const response = await this.send({ operation, method: 'POST', path: '/login', body });
    if (!response.ok) throw await this.failure(response, operation);
    const json = await this.readJson(response, operation);
    const token = isRecord(json) ? json.authToken : undefined;
    if (typeof token !== 'string' || token === '')
      throw new IdnowPayloadError('authToken', 'is missing', operation);
    return token;
  }

  /** Sends with the login token; an expired token (401 INVALID_LOGIN_TOKEN) gets one fresh login and retry. */
  private async withToken(call: Call): Promise<Response>;
  private async withToken(call: Call, notFoundAsNull: true): Promise<Response | null>;
  private async withToken(call: Call, notFoundAsNull = false): Promise<Response | null> {
    const token = this.login();
    let response = await this.send(call, await token);
    if (response.status === 401) {
      const body = await this.readText(response, call.operation);
      if (!parseIdnowErrors(body).some((e) => e.cause === 'INVALID_LOGIN_TOKEN')) {
        throw errorForResponse(401, null, body, call.operation);
      }
      if (this.token === token) this.token = null;
      response = await this.send(call, await this.login());
    }
    // Any 404 means "no such identification": a wrong base URL or company already fails at login.
    if (response.status === 404 && notFoundAsNull) {
      await response.body?.cancel().catch(() => undefined);
      return null;
    }
    if (!response.ok) throw await this.failure(response, call.operation);
    return response;
  }

  private async send(call: Call, loginToken?: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: call.accept ?? 'application/json' };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.apiKey) headers['X-API-KEY'] = this.options.apiKey;
    if (loginToken) headers['X-API-LOGIN-TOKEN'] = loginToken;
    try {
      return await this.fetchImpl(`${this.root}${call.path}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(this.timeoutMs),
        // Never forward the API key or login token to wherever a redirect points.
        redirect: 'manual',
      });
    } catch (error) {
      throw unavailableFrom(error, call.operation);
    }
  }

  private async failure(response: Response, operation: string) {
    const body = await this.readText(response, operation);
    return errorForResponse(response.status, response.headers.get('retry-after'), body, operation);
  }

  private async readText(response: Response, operation: string): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw unavailableFrom(error, operation);
    }
  }

  private async readJson(response: Response, operation: string): Promise<unknown> {
    const body = await this.readText(response, operation);
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw new IdnowPayloadError('$', 'is not JSON', operation);
    }
  }
}
