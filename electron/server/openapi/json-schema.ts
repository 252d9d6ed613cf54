// JSON Schema (2020-12, as OpenAPI 3.1 uses it) written in TypeScript, with the compiler checking each object
// schema against the DTO it describes: a field added to or removed from shared/types.ts without its schema
// here is a compile error, so the published description cannot drift from the contract.

export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null' | Array<'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object'>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: Array<string | number | boolean | null>;
  $ref?: string;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  description?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
}

type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * An object schema whose properties are exactly the keys of T (the compiler refuses a missing or an extra
 * one); `optional` lists the keys T marks optional, every other key is required.
 */
export function objectSchema<T>(
  properties: { [K in keyof T]-?: JsonSchema },
  optional: ReadonlyArray<OptionalKeys<T>>,
  description?: string,
): JsonSchema {
  const skip = new Set<string>(optional as readonly string[]);
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties: properties,
    required: Object.keys(properties).filter((k) => !skip.has(k)),
  };
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
export const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
export const int = (description?: string): JsonSchema => ({ type: 'integer', ...(description ? { description } : {}) });
export const bool = (description?: string): JsonSchema => ({ type: 'boolean', ...(description ? { description } : {}) });
export const dateTime = (description?: string): JsonSchema => ({ type: 'string', format: 'date-time', ...(description ? { description } : {}) });
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
export const oneOfEnum = (values: readonly string[], description?: string): JsonSchema => ({
  type: 'string',
  enum: [...values],
  ...(description ? { description } : {}),
});

/** `T | null`: the same schema, or null. */
export function nullable(s: JsonSchema): JsonSchema {
  if (s.$ref) return { anyOf: [s, { type: 'null' }] };
  if (typeof s.type === 'string' && s.type !== 'null' && s.type !== 'array') {
    const { enum: values, ...rest } = s;
    return { ...rest, type: [s.type, 'null'], ...(values ? { enum: [...values, null] } : {}) };
  }
  return { anyOf: [s, { type: 'null' }] };
}
