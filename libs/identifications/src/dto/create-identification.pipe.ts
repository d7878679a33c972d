import { type ArgumentMetadata, Injectable } from '@nestjs/common';
import { Clock, SolarisValidationPipe, ValidationError } from '#kyc/common';
import { proofOfAddressIssues } from '../rules/proof-of-address.js';

/** DTO formats plus the proof-of-address pair rule, answered together in one 400. */
@Injectable()
export class CreateIdentificationPipe extends SolarisValidationPipe {
  constructor(private readonly clock: Clock) {
    super();
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const body =
      value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    const issues = body
      ? proofOfAddressIssues(body.proof_of_address_type, body.proof_of_address_issued_at, this.clock.today())
      : [];
    try {
      const dto = await super.transform(value, metadata);
      if (issues.length) throw new ValidationError(issues);
      return dto;
    } catch (e) {
      if (!(e instanceof ValidationError) || !issues.length) throw e;
      const seen = new Set(e.fieldIssues.map((i) => i.field));
      throw new ValidationError([...e.fieldIssues, ...issues.filter((i) => !seen.has(i.field))]);
    }
  }
}
