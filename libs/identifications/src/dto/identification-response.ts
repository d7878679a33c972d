import type { IdentificationEntity } from '../entities/identification.entity.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The seed: a reason is given for aborted and canceled, never for failed. */
export function partnerVisibleReason(
  i: Pick<IdentificationEntity, 'status' | 'failureReason'>,
): string | null {
  return i.status === 'aborted' || i.status === 'canceled' ? i.failureReason : null;
}

/** The Solaris identification body, as the seed shows it for create, request and list. */
export function toIdentificationResponse(i: IdentificationEntity) {
  return {
    id: i.id,
    reference: i.reference,
    url: i.url,
    status: i.status,
    completed_at: iso(i.completedAt),
    method: i.method,
    proof_of_address_type: i.proofOfAddressType,
    proof_of_address_issued_at: i.proofOfAddressIssuedAt,
    language: i.language,
    iban: null,
    terms_and_conditions_signed_at: null,
    authorization_expires_at: null,
    confirmation_expires_at: null,
    failure_reason: partnerVisibleReason(i),
  };
}

/** PATCH .../request adds the provider's current waiting time (seconds). */
export function toRequestedResponse(i: IdentificationEntity) {
  return { ...toIdentificationResponse(i), estimated_waiting_time: i.estimatedWaitingTime };
}

/** What an IDENTIFICATION event's body is made of. */
export type IdentificationEventSource = Pick<
  IdentificationEntity,
  'id' | 'reference' | 'url' | 'status' | 'completedAt' | 'method' | 'personId'
>;

/** The webhook body of an IDENTIFICATION event (Solaris). */
export function toIdentificationEventPayload(i: IdentificationEventSource) {
  return {
    id: i.id,
    reference: i.reference,
    url: i.url,
    status: i.status,
    completed_at: iso(i.completedAt),
    method: i.method,
    person_id: i.personId,
  };
}

export type IdentificationResponse = ReturnType<typeof toIdentificationResponse>;
