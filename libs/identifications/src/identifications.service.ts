import { Injectable } from '@nestjs/common';
import {
  Clock,
  IllegalTransitionError,
  newId,
  NotFoundError,
  resourceCreated,
  type SolarisPage,
} from '#kyc/common';
import { appendDomainEvent } from '#kyc/database';
import { PersonsService } from '#kyc/persons';
import type { CreateIdentificationDto } from './dto/create-identification.dto.js';
import { toIdentificationEventPayload } from './dto/identification-response.js';
import { IdentificationEntity } from './entities/identification.entity.js';
import { IdentificationsRepository } from './identifications.repository.js';
import { IdentificationProvider } from './provider/identification-provider.js';
import { assertTransition, RETRYABLE_STATUSES } from './rules/state-machine.js';

/** The seed: the identification url is valid for 14 days. */
export const URL_VALIDITY_MS = 14 * 24 * 3600 * 1000;

@Injectable()
export class IdentificationsService {
  constructor(
    private readonly repo: IdentificationsRepository,
    private readonly persons: PersonsService,
    private readonly provider: IdentificationProvider,
    private readonly clock: Clock,
  ) {}

  /** Creating does not call the provider (seed). */
  async create(
    partnerId: string,
    personId: string,
    dto: CreateIdentificationDto,
  ): Promise<IdentificationEntity> {
    await this.persons.get(partnerId, personId);
    const entity = Object.assign(new IdentificationEntity(), {
      id: newId('identification'),
      partnerId,
      personId,
      method: dto.method,
      status: 'created' as const,
      language: dto.language ?? null,
      proofOfAddressType: dto.proof_of_address_type ?? null,
      proofOfAddressIssuedAt: dto.proof_of_address_issued_at ?? null,
      flagReasons: [],
    });
    await this.repo.transaction(async (tx) => {
      await this.repo.insert(tx, entity);
      await this.repo.addEvent(tx, {
        identificationId: entity.id,
        kind: 'created',
        from: null,
        to: 'created',
        actor: 'partner',
        actorId: partnerId,
      });
      await resourceCreated(tx, `/v1/persons/${personId}/identifications/${entity.id}`);
    });
    return this.get(partnerId, personId, entity.id);
  }

  /**
   * A re-identification's new identification: same person, language and proof of address as the one it
   * follows (linked by previous_identification_id), created by a compliance officer.
   */
  async createFollowUp(previous: IdentificationEntity, staffId: string): Promise<IdentificationEntity> {
    const entity = Object.assign(new IdentificationEntity(), {
      id: newId('identification'),
      partnerId: previous.partnerId,
      personId: previous.personId,
      method: previous.method,
      status: 'created' as const,
      language: previous.language,
      proofOfAddressType: previous.proofOfAddressType,
      proofOfAddressIssuedAt: previous.proofOfAddressIssuedAt,
      previousIdentificationId: previous.id,
      flagReasons: [],
    });
    await this.repo.transaction(async (tx) => {
      await this.repo.insert(tx, entity);
      await this.repo.addEvent(tx, {
        identificationId: entity.id,
        kind: 'created',
        from: null,
        to: 'created',
        actor: 'staff',
        actorId: staffId,
      });
    });
    return this.get(previous.partnerId, previous.personId, entity.id);
  }

  async list(partnerId: string, personId: string, page: SolarisPage): Promise<IdentificationEntity[]> {
    await this.persons.get(partnerId, personId);
    return this.repo.listByPerson(partnerId, personId, (page.number - 1) * page.size, page.size);
  }

  async get(partnerId: string, personId: string, id: string): Promise<IdentificationEntity> {
    const found = await this.repo.findById(partnerId, personId, id);
    if (!found) throw new NotFoundError('Identification', id);
    return found;
  }

  /**
   * Start the identification at the provider. The provider call happens outside any transaction (a
   * transaction must never wait on the network); if it fails, nothing was written and the status stays
   * `created`. A second call on a pending identification answers the same url without a provider call.
   */
  async request(partnerId: string, personId: string, id: string): Promise<IdentificationEntity> {
    const current = await this.get(partnerId, personId, id);
    if (current.status === 'pending') return current;
    // Aborted or canceled: the customer may try again with the same url while it is valid (seed).
    const urlValid = current.urlExpiresAt !== null && current.urlExpiresAt > this.clock.now();
    if (RETRYABLE_STATUSES.includes(current.status) && urlValid) return current;
    if (current.status !== 'created') {
      throw new IllegalTransitionError(
        `The identification is ${current.status}; only a created identification can be requested. Create a new identification to identify the person again.`,
      );
    }
    const person = await this.persons.get(partnerId, personId);
    const started = await this.provider.start({
      transactionNumber: id,
      language: current.language,
      person: {
        id: person.id,
        salutation: person.salutation,
        firstName: person.firstName,
        lastName: person.lastName,
        birthDate: person.birthDate,
        birthCity: person.birthCity,
        nationality: person.nationality,
        email: person.email,
        mobileNumber: person.mobileNumber,
        address: {
          line1: person.addressLine1,
          line2: person.addressLine2,
          postalCode: person.addressPostalCode,
          city: person.addressCity,
          country: person.addressCountry,
        },
      },
    });
    await this.repo.transaction(async (tx) => {
      const locked = await this.repo.lockUnscoped(tx, id);
      if (!locked || locked.status !== 'created') return; // a concurrent request won; answer its state
      assertTransition('created', 'pending');
      const now = this.clock.now();
      const columns = {
        status: 'pending' as const,
        reference: started.reference,
        url: started.url,
        urlExpiresAt: new Date(now.getTime() + URL_VALIDITY_MS),
        estimatedWaitingTime: started.estimatedWaitingTime,
        requestedAt: now,
      };
      await this.repo.update(tx, locked, columns);
      await this.repo.addEvent(tx, {
        identificationId: id,
        kind: 'transition',
        from: 'created',
        to: 'pending',
        actor: 'partner',
        actorId: partnerId,
      });
      await appendDomainEvent(tx, {
        type: 'IDENTIFICATION',
        partnerId,
        entityId: id,
        payload: toIdentificationEventPayload({ ...locked, ...columns }),
      });
    });
    return this.get(partnerId, personId, id);
  }
}
