import { z } from "zod";
import {
  BaseRecordShape,
  CustomFieldValuesSchema,
  EmailSchema,
  IdSchema,
  LinkSchema,
  MAX_SET,
  OptionalShortText,
  PhoneSchema,
  ProvenanceMapSchema,
  ShortText,
  TagSchema,
  UrlSchema,
} from "./common.ts";
import { PostalAddressSchema } from "./postal-address.ts";

/** A lead's place in qualification. */
export const LEAD_STATUSES = ["new", "working", "qualified", "unqualified", "converted"] as const;
export const LeadStatusSchema = z.enum(LEAD_STATUSES);
export type LeadStatus = z.infer<typeof LeadStatusSchema>;

/** How a lead entered the workspace. */
export const LeadSourceSchema = z.object({
  kind: z.enum(["web", "email", "manual", "import"]),
  url: LinkSchema.optional(),
});
export type LeadSource = z.infer<typeof LeadSourceSchema>;

/** The editable fields of a lead (what a create or update may carry). */
export const LeadFieldsSchema = z.object({
  name: ShortText,
  emails: z.array(EmailSchema).max(MAX_SET).default([]),
  phones: z.array(PhoneSchema).max(MAX_SET).default([]),
  urls: z.array(UrlSchema).max(MAX_SET).default([]),
  title: OptionalShortText.default(null),
  companyName: OptionalShortText.default(null),
  website: UrlSchema.nullable().default(null),
  location: OptionalShortText.default(null),
  /** The postal address in its parts (street, city, postcode, region, country); null until known. */
  postalAddress: PostalAddressSchema.nullable().default(null),
  status: LeadStatusSchema.default("new"),
  unqualifiedReason: OptionalShortText.default(null),
  source: LeadSourceSchema.default({ kind: "manual" }),
  tags: z.array(TagSchema).max(MAX_SET).default([]),
  ownerId: IdSchema.nullable().default(null),
  companyId: IdSchema.nullable().default(null),
  convertedContactId: IdSchema.nullable().default(null),
  convertedCompanyId: IdSchema.nullable().default(null),
  convertedDealId: IdSchema.nullable().default(null),
  /** Set when this record was merged away: the record it lives on in (this one is tombstoned). */
  mergedIntoId: IdSchema.nullable().default(null),
  provenance: ProvenanceMapSchema.default({}),
  custom: CustomFieldValuesSchema.default({}),
});
export type LeadFields = z.infer<typeof LeadFieldsSchema>;

/** A prospect being qualified. */
export const LeadSchema = LeadFieldsSchema.extend(BaseRecordShape);
export type Lead = z.infer<typeof LeadSchema>;
