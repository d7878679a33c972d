import { DomainError } from '#kyc/common';

/** Sandbox only (seed): more than 1000 identical persons answers 400. */
export class IdenticalPersonsLimitError extends DomainError {
  readonly status = 400;
  readonly code = 'invalid_model';
  readonly title = 'Invalid Model';

  constructor(limit: number) {
    super(
      `More than ${limit} persons with the same first_name, last_name, birth_city and birth_date exist; use unique values when testing.`,
    );
  }
}
