/** Property options the review answers' OpenAPI classes share. */

// OpenAPI 3.0: a nullable enum lists null among its values, or a null fails validation.
export const nullableEnum = (values: readonly string[]) => ({
  type: String,
  nullable: true,
  enum: [...values, null] as unknown as string[],
});
export const text = { type: String, nullable: true } as const;
export const dateTime = { type: String, format: 'date-time' } as const;
export const nullableDateTime = { ...dateTime, nullable: true } as const;
export const freeForm = { type: 'object', additionalProperties: true } as const;
