import {
  type ArgumentMetadata,
  ValidationPipe,
  type ValidationError as ClassValidatorError,
} from '@nestjs/common';
import { BadRequestError, type FieldIssue, ValidationError } from '../errors/domain-errors.js';

/**
 * Body and query validation for every route: unknown fields are rejected, types are not coerced,
 * and every problem is answered at once as a Solaris error with its `source.field`.
 */
export class SolarisValidationPipe extends ValidationPipe {
  constructor(private readonly isGlobal = false) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationError(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // DTOs with a dedicated pipe (cross-field rules answered in the same 400) are validated there.
    if (this.isGlobal && metadata.metatype && Reflect.getMetadata(OWN_PIPE, metadata.metatype)) return value;
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new BadRequestError('The request body must be a JSON object.');
      }
    }
    return super.transform(value, metadata);
  }
}

const OWN_PIPE = 'kyc:own-validation-pipe';

/** Marks a DTO that is validated by its own pipe, so the global pipe leaves it alone. */
export const HasOwnValidationPipe = (): ClassDecorator => (target) =>
  Reflect.defineMetadata(OWN_PIPE, true, target);

export function flatten(errors: ClassValidatorError[], prefix = ''): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [kind, message] of Object.entries(e.constraints ?? {})) {
      issues.push({ field, message: normalise(kind, message, e.property) });
    }
    if (e.children?.length) issues.push(...flatten(e.children, field));
  }
  return issues;
}

function normalise(kind: string, message: string, property: string): string {
  if (kind === 'whitelistValidation') return 'is not an allowed field';
  if (kind === 'nestedValidation') return 'must be an object';
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}
