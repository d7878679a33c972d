import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';
import { isoCountry, isoDate, e164, solarisName, utcTimestamp, type Rule } from './rules.js';

/** Wrap a pure rule as a class-validator decorator whose message is the rule's own answer. */
export function Satisfies(rule: Rule, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: rule.name || 'satisfies',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => rule(value) === null,
        defaultMessage: (args) => rule(args?.value) ?? 'is invalid',
      },
    });
  };
}

export const IsSolarisName = () => Satisfies(solarisName);
export const IsIsoCountry = () => Satisfies(isoCountry);
export const IsIsoDate = () => Satisfies(isoDate);
export const IsUtcTimestamp = () => Satisfies(utcTimestamp);
export const IsE164 = () => Satisfies(e164);

/**
 * Optional field. With `nullable`, an explicit null is accepted and stored (it clears the field);
 * without it, null is validated like any other value and so rejected.
 */
export function Optional({ nullable = false } = {}): PropertyDecorator {
  return ValidateIf((_obj, value) =>
    nullable ? value !== undefined && value !== null : value !== undefined,
  );
}
