import { Injectable } from '@nestjs/common';
import { Env, ProviderError, PublicUrl, ServiceUnavailableError } from '#kyc/common';
import {
  type EvidenceFile,
  IdentificationProvider,
  type ProviderField,
  ProviderRateLimitedError,
  type ProviderResult,
  type StartedIdentification,
  type StartRequest,
} from '#kyc/identifications';
import { IdnowClient } from '../client/idnow-client.js';
import type { IdnowStartData } from '../client/idnow-start-data.js';
import {
  IdnowApiError,
  IdnowError,
  IdnowPayloadError,
  IdnowRateLimitedError,
} from '../errors/idnow-errors.js';
import { parseIdnowResult, type IdnowResult } from '../results/idnow-result.js';
import { mapResultToStatus, verifiedMobileNumber } from '../results/map-result.js';
import { PERSON_FIELD_BY_IDNOW_FIELD } from '../results/to-person-fields.js';
import { readEvidenceArchive } from './evidence-archive.js';

const GENDER: Record<string, 'MALE' | 'FEMALE'> = { MR: 'MALE', MS: 'FEMALE' };
const SALUTATION: Record<string, string> = { MALE: 'MR', FEMALE: 'MS' };

/**
 * The identification provider port, spoken to IDnow's HTTP API. In sandbox mode, without IDNOW_BASE_URL,
 * it talks over real HTTP to the built-in sandbox mounted at PUBLIC_URL/sandbox/idnow: the same code.
 */
@Injectable()
export class IdnowProvider extends IdentificationProvider {
  readonly name = 'idnow';
  private client?: IdnowClient;

  constructor(
    private readonly env: Env,
    private readonly publicUrl: PublicUrl,
  ) {
    super();
  }

  async start(request: StartRequest): Promise<StartedIdentification> {
    const client = this.idnow();
    const started = await guard(() => startOrFind(client, request));
    // The waiting time is informative: a failure to read it must not fail the request.
    const account = await client.getAccount().catch(() => null);
    return {
      reference: started.id,
      url: `${this.goUrl()}/${encodeURIComponent(this.env.IDNOW_COMPANY_ID)}/identifications/${request.transactionNumber}`,
      estimatedWaitingTime: account?.estimatedWaitingTime ?? null,
    };
  }

  interpret(raw: unknown): ProviderResult | null {
    try {
      return toProviderResult(parseIdnowResult(raw));
    } catch {
      return null;
    }
  }

  async fetchResult(transactionNumber: string): Promise<ProviderResult | null> {
    const raw = await guard(() => this.idnow().getIdentification(transactionNumber));
    return raw === null ? null : toProviderResult(parseIdnowResult(raw));
  }

  /** The evidence zip's files, classified; null while IDnow has none (or deleted them after a cancel). */
  async fetchEvidence(transactionNumber: string): Promise<EvidenceFile[] | null> {
    const zip = await guard(() => this.idnow().downloadEvidence(transactionNumber));
    if (zip === null) return null;
    try {
      return readEvidenceArchive(zip);
    } catch (e) {
      if (!(e instanceof IdnowPayloadError)) throw e;
      throw new ProviderError(
        `The identification provider sent an unusable evidence archive (${e.message}).`,
      );
    }
  }

  /** The provider's own lists, for reconciliation. */
  async list(kind: 'successful' | 'pending' | 'aborted' | 'cancelled'): Promise<ProviderResult[]> {
    const rows = await guard(() => this.idnow().listIdentifications(kind));
    return rows.map((r) => toProviderResult(parseIdnowResult(r)));
  }

  private idnow(): IdnowClient {
    this.client ??= new IdnowClient({
      baseUrl: this.env.IDNOW_BASE_URL ?? `${this.publicUrl.value}/sandbox/idnow`,
      companyId: this.env.IDNOW_COMPANY_ID,
      apiKey: this.env.IDNOW_API_KEY ?? '',
    });
    return this.client;
  }

  private goUrl(): string {
    return (this.env.IDNOW_GO_URL ?? `${this.publicUrl.value}/sandbox/idnow/go`).replace(/\/$/, '');
  }
}

/** Provider failures become the API's 502/503 (a 429 keeps its Retry-After); nothing was changed on our side. */
/**
 * Start the identification; when IDnow answers 409 EXISTING_IDENTIFICATION, an earlier start of this same
 * transaction got through but its answer was lost (a timeout, a killed process) and the call is over by now.
 * The partner's retry then takes the identification IDnow holds, with its ident id from the result, instead
 * of failing for good; the result itself arrives through the callback or the missed-results poll.
 */
async function startOrFind(client: IdnowClient, request: StartRequest): Promise<{ id: string }> {
  try {
    return await client.start(request.transactionNumber, startData(request));
  } catch (e) {
    if (!(e instanceof IdnowApiError && e.cause === 'EXISTING_IDENTIFICATION')) throw e;
    const raw = await client.getIdentification(request.transactionNumber);
    const reference = raw === null ? null : parseIdnowResult(raw).reference;
    if (!reference) throw e;
    return { id: reference };
  }
}

async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof IdnowRateLimitedError) throw new ProviderRateLimitedError(e.retryAfterSeconds);
    if (e instanceof IdnowApiError) {
      throw new ProviderError(`The identification provider rejected the request (${e.status} ${e.cause}).`);
    }
    if (e instanceof IdnowError) {
      throw new ServiceUnavailableError('The identification provider is unavailable; try again later.');
    }
    throw e;
  }
}

function startData(r: StartRequest): IdnowStartData {
  const p = r.person;
  return {
    firstname: p.firstName,
    lastname: p.lastName,
    birthday: p.birthDate,
    birthplace: p.birthCity,
    nationality: p.nationality,
    gender: p.salutation ? (GENDER[p.salutation] ?? null) : null,
    email: p.email,
    mobilephone: p.mobileNumber,
    street: p.address.line1,
    streetnumber: p.address.line2,
    zipcode: p.address.postalCode,
    city: p.address.city,
    country: p.address.country,
    custom1: p.id,
    preferredLang: r.language,
  };
}

export function toProviderResult(r: IdnowResult): ProviderResult {
  const fields: ProviderField[] = [];
  for (const [idnow, ours] of Object.entries(PERSON_FIELD_BY_IDNOW_FIELD)) {
    const f = r.userData[idnow];
    if (f)
      fields.push({ field: ours, value: f.value?.trim() || null, status: f.status, original: f.original });
  }
  const gender = r.userData.gender;
  if (gender) {
    const map = (v: string | null) => (v ? (SALUTATION[v.toUpperCase()] ?? null) : null);
    fields.push({
      field: 'salutation',
      value: map(gender.value),
      status: gender.status,
      original: map(gender.original),
    });
  }
  return {
    transactionNumber: r.transactionNumber,
    status: mapResultToStatus(r.result),
    resultCode: r.result,
    reason: r.reason,
    reference: r.reference,
    identifiedAt: r.identifiedAt,
    fields,
    verifiedMobileNumber: verifiedMobileNumber(r),
    document: { type: r.document.type?.value ?? null, country: r.document.country?.value ?? null },
    raw: r.raw,
  };
}
