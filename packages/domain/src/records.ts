import { z as zod, ZodDefault, type z } from "zod";
import { ActivityFieldsSchema, ActivitySchema, type Activity } from "./activity.ts";
import { IdSchema, type RecordType } from "./common.ts";
import { CompanyFieldsSchema, CompanySchema, type Company } from "./company.ts";
import { ContactFieldsSchema, ContactSchema, type Contact } from "./contact.ts";
import { DealFieldsSchema, DealSchema, type Deal } from "./deal.ts";
import { LeadFieldsSchema, LeadSchema, type Lead } from "./lead.ts";
import { TaskFieldsSchema, TaskSchema, type Task } from "./task.ts";

/** The record shape for each record type. */
export interface RecordByType {
  lead: Lead;
  contact: Contact;
  company: Company;
  deal: Deal;
  activity: Activity;
  task: Task;
}
/** Any stored record. */
export type AnyRecord = RecordByType[RecordType];

/** Full-record schema per type. */
export const RECORD_SCHEMAS = {
  lead: LeadSchema,
  contact: ContactSchema,
  company: CompanySchema,
  deal: DealSchema,
  activity: ActivitySchema,
  task: TaskSchema,
} as const satisfies Record<RecordType, z.ZodType>;

/** Editable-fields schema per type (creates: full; updates: partial). */
export const FIELD_SCHEMAS = {
  lead: LeadFieldsSchema,
  contact: ContactFieldsSchema,
  company: CompanyFieldsSchema,
  deal: DealFieldsSchema,
  activity: ActivityFieldsSchema,
  task: TaskFieldsSchema,
} as const;

/** URL path segment for each record type in the HTTP API. */
export const RECORD_PATHS = {
  lead: "leads",
  contact: "contacts",
  company: "companies",
  deal: "deals",
  activity: "activities",
  task: "tasks",
} as const satisfies Record<RecordType, string>;

/** Record types that are never edited after creation. */
export const INSERT_ONLY_TYPES: ReadonlySet<RecordType> = new Set(["activity"]);

/** A person-like record: a lead or contact. */
export type PersonRecord = Lead | Contact;

// Apart, free of zod: the extension's service worker names records in its reminders.
export { recordLabel } from "./record-label.ts";

/** Schema of a partial update of one record type: only the fields given, no defaults filled in. */
export function patchSchemaFor(type: RecordType) {
  const shape = FIELD_SCHEMAS[type].shape as Record<string, z.ZodType>;
  const optional: Record<string, z.ZodType> = {};
  for (const [field, schema] of Object.entries(shape)) {
    optional[field] = (schema instanceof ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional();
  }
  return zod.object(optional).strict();
}

/** Schema of a create of one record type over HTTP: the fields, optionally a client-chosen id. */
export function createSchemaFor(type: RecordType) {
  return FIELD_SCHEMAS[type].extend({ id: IdSchema.optional() }).strict();
}
