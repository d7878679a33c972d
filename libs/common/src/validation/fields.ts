import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  IsE164,
  IsIsoCountry,
  IsIsoDate,
  IsSolarisName,
  IsUtcTimestamp,
  Optional,
  Satisfies,
} from './decorators.js';
import { isoCountry } from './rules.js';

/**
 * Composite field decorators: validation and OpenAPI in one line per DTO property. Every one is
 * optional and nullable at the DTO level; which fields are mandatory is decided per use case.
 */
const doc = (type: unknown, description?: string, extra: Record<string, unknown> = {}) =>
  ApiProperty({ required: false, nullable: true, type: type as never, description, ...extra });

export const TextField = (max = 255, description?: string) =>
  applyDecorators(
    doc(String, description, { maxLength: max }),
    Optional({ nullable: true }),
    IsString(),
    MaxLength(max),
  );

export const NameField = (description?: string) =>
  applyDecorators(doc(String, description, { maxLength: 50 }), Optional({ nullable: true }), IsSolarisName());

export const EnumField = (values: readonly string[], description?: string) =>
  applyDecorators(
    doc(String, description, { enum: values }),
    Optional({ nullable: true }),
    IsIn(values as string[], { message: `must be one of ${values.join(', ')}` }),
  );

export const CountryField = (description?: string) =>
  applyDecorators(doc(String, description, { example: 'DE' }), Optional({ nullable: true }), IsIsoCountry());

export const DateField = (description?: string) =>
  applyDecorators(doc(String, description, { format: 'date' }), Optional({ nullable: true }), IsIsoDate());

export const TimestampField = (description?: string) =>
  applyDecorators(
    doc(String, description, { format: 'date-time' }),
    Optional({ nullable: true }),
    IsUtcTimestamp(),
  );

export const PhoneField = (description?: string) =>
  applyDecorators(
    doc(String, description, { example: '+49301234567' }),
    Optional({ nullable: true }),
    IsE164(),
  );

export const BooleanField = (description?: string) =>
  applyDecorators(
    doc(Boolean, description),
    Optional({ nullable: true }),
    IsBoolean({ message: 'must be true or false' }),
  );

export const IntField = (min: number, max: number, description?: string) =>
  applyDecorators(
    doc(Number, description, { minimum: min, maximum: max }),
    Optional({ nullable: true }),
    IsInt({ message: 'must be an integer' }),
    Min(min),
    Max(max),
  );

export const CountryListField = (description?: string) =>
  applyDecorators(
    doc([String], description),
    Optional({ nullable: true }),
    ArrayMaxSize(250),
    Satisfies((v) =>
      Array.isArray(v) && v.every((c) => isoCountry(c) === null)
        ? null
        : 'must be a list of ISO 3166-1 alpha-2 country codes',
    ),
  );
