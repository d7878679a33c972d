import { type ArgumentMetadata, Injectable } from '@nestjs/common';
import { Clock, Env, type FieldIssue, SolarisValidationPipe, ValidationError } from '#kyc/common';
import { UPDATABLE_FIELDS } from '../rules/person-enums.js';
import {
  amlConfirmedOnIssues,
  birthDateIssues,
  clearedMandatoryIssues,
  missingMandatoryFields,
  selfEmployedIssues,
} from '../rules/person-rules.js';

/** Field formats (DTO) and the person's cross-field rules, answered together in one 400. */
@Injectable()
abstract class PersonPipe extends SolarisValidationPipe {
  constructor(
    protected readonly env: Env,
    protected readonly clock: Clock,
  ) {
    super();
  }

  protected abstract rules(body: Record<string, unknown>): FieldIssue[];
  protected prepare(body: Record<string, unknown>): { body: Record<string, unknown>; issues: FieldIssue[] } {
    return { body, issues: [] };
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return super.transform(value, metadata);
    const { body, issues } = this.prepare(value as Record<string, unknown>);
    issues.push(...this.rules(body));
    try {
      const dto = await super.transform(body, metadata);
      if (issues.length) throw new ValidationError(issues);
      return dto;
    } catch (e) {
      if (e instanceof ValidationError) {
        const seen = new Set(e.fieldIssues.map((i) => i.field));
        throw new ValidationError([...e.fieldIssues, ...issues.filter((i) => !seen.has(i.field))]);
      }
      throw e;
    }
  }
}

@Injectable()
export class CreatePersonPipe extends PersonPipe {
  protected rules(body: Record<string, unknown>): FieldIssue[] {
    const today = this.clock.today();
    return [
      ...missingMandatoryFields(body, this.env.APP_ENV === 'sandbox'),
      ...birthDateIssues(body, today),
      ...selfEmployedIssues(body),
      ...amlConfirmedOnIssues(body, today),
    ];
  }
}

@Injectable()
export class UpdatePersonPipe extends PersonPipe {
  /** Known person fields outside the seed's updatable list get their own message, then are dropped. */
  protected override prepare(body: Record<string, unknown>) {
    const issues: FieldIssue[] = [];
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body)) {
      if (!UPDATABLE_FIELDS.has(k) && PERSON_READ_ONLY.has(k)) {
        issues.push({ field: k, message: 'cannot be updated through the API; contact customer support' });
      } else kept[k] = v;
    }
    return { body: kept, issues };
  }

  protected rules(body: Record<string, unknown>): FieldIssue[] {
    return [
      ...clearedMandatoryIssues(body),
      ...selfEmployedIssues(body),
      ...amlConfirmedOnIssues(body, this.clock.today()),
    ];
  }
}

const PERSON_READ_ONLY = new Set([
  'id',
  'first_name',
  'last_name',
  'birth_date',
  'birth_city',
  'birth_country',
  'birth_name',
  'nationality',
  'mobile_number',
  'terms_conditions_signed_at',
  'aml_follow_up_date',
  'flagged_by_compliance',
  'screening_progress',
  'risk_classification_status',
  'customer_vetting_status',
  'business_state',
  'legitimation_valid_until',
]);
