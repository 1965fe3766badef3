import { z } from "zod";
import { MAX_SHORT, UrlSchema, type CustomFieldValues, type RecordType } from "./common.ts";
import type { Result } from "./result.ts";
import type { CustomFieldDefinition } from "./workspace.ts";

/** One custom value that does not fit its definition. */
export interface CustomFieldIssue {
  key: string;
  message: string;
}

/** Longest text custom value (matches what CustomFieldValuesSchema stores). */
export const MAX_CUSTOM_TEXT = MAX_SHORT * 4;

/** A calendar date as custom date fields store it: YYYY-MM-DD, a real day. */
export const CustomDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-03-31")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "must be a real calendar date");

/** The value schema of one custom field definition (null always allowed: it clears the value). */
export function customValueSchema(definition: CustomFieldDefinition): z.ZodType<string | number | null> {
  switch (definition.kind) {
    case "text":
      return z.string().trim().max(MAX_CUSTOM_TEXT).nullable();
    case "number":
      return z.number().finite().nullable();
    case "date":
      return CustomDateSchema.nullable();
    case "url":
      return UrlSchema.nullable();
    case "select": {
      const options = definition.options;
      return z
        .string()
        .trim()
        .refine((value) => options.includes(value), `must be one of: ${options.join(", ")}`)
        .nullable();
    }
  }
}

/** A strict schema for the `custom` object of one record type, built from the workspace's definitions. */
export function customFieldsSchema(recordType: RecordType, definitions: readonly CustomFieldDefinition[]) {
  const shape: Record<string, z.ZodOptional<z.ZodType<string | number | null>>> = {};
  for (const definition of definitions) {
    if (definition.recordType === recordType) shape[definition.key] = customValueSchema(definition).optional();
  }
  return z.strictObject(shape);
}

/**
 * The schema per definitions list and record type, built once: a push or an import applies
 * thousands of changes against the same settings, and building a zod object costs far more than
 * checking one. Settings are replaced, never changed in place, so the list identifies its schema.
 */
const schemas = new WeakMap<readonly CustomFieldDefinition[], Map<RecordType, ReturnType<typeof customFieldsSchema>>>();
function schemaFor(recordType: RecordType, definitions: readonly CustomFieldDefinition[]) {
  const byType = schemas.get(definitions) ?? new Map<RecordType, ReturnType<typeof customFieldsSchema>>();
  schemas.set(definitions, byType);
  const schema = byType.get(recordType) ?? customFieldsSchema(recordType, definitions);
  byType.set(recordType, schema);
  return schema;
}

/** Checks custom values against the definitions for a record type: unknown keys and misfit values are issues. */
export function validateCustomFields(
  recordType: RecordType,
  values: Record<string, unknown>,
  definitions: readonly CustomFieldDefinition[],
): Result<CustomFieldValues, CustomFieldIssue[]> {
  // Nothing to check (most changes): building the schema would cost more than every other check.
  if (Object.keys(values).length === 0) return { ok: true, value: {} };
  const parsed = schemaFor(recordType, definitions).safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data as CustomFieldValues };
  const issues = parsed.error.issues.flatMap((issue): CustomFieldIssue[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ key, message: `no ${recordType} custom field named ${key}` }));
    }
    return [{ key: String(issue.path[0] ?? ""), message: issue.message }];
  });
  return { ok: false, error: issues };
}

/**
 * The custom values of one record type that another type also defines with the same kind: what
 * conversion carries from a lead to its contact (a value with no home on the contact stays on the lead).
 */
export function carryCustomFields(
  values: CustomFieldValues,
  from: RecordType,
  to: RecordType,
  definitions: readonly CustomFieldDefinition[],
): CustomFieldValues {
  const carried: CustomFieldValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === null) continue;
    const source = definitions.find((d) => d.recordType === from && d.key === key);
    const target = definitions.find((d) => d.recordType === to && d.key === key);
    if (!source || !target || source.kind !== target.kind) continue;
    if (customValueSchema(target).safeParse(value).success) carried[key] = value;
  }
  return carried;
}
