import { z } from "zod";
import {
  BaseRecordShape,
  CustomFieldValuesSchema,
  EmailSchema,
  IdSchema,
  longText,
  MAX_SET,
  OptionalShortText,
  PhoneSchema,
  ProvenanceSchema,
  ShortText,
  TagSchema,
  UrlSchema,
} from "./common.ts";
import { PostalAddressSchema } from "./postal-address.ts";

/** The editable fields of a company (account). */
export const CompanyFieldsSchema = z.object({
  name: ShortText,
  domain: z.string().trim().toLowerCase().max(253).nullable().default(null),
  website: UrlSchema.nullable().default(null),
  emails: z.array(EmailSchema).max(MAX_SET).default([]),
  phones: z.array(PhoneSchema).max(MAX_SET).default([]),
  urls: z.array(UrlSchema).max(MAX_SET).default([]),
  address: longText(600).trim().nullable().default(null),
  /** The address in its parts (the one-line `address` above is kept for older clients and free text). */
  postalAddress: PostalAddressSchema.nullable().default(null),
  logo: UrlSchema.nullable().default(null),
  tags: z.array(TagSchema).max(MAX_SET).default([]),
  ownerId: IdSchema.nullable().default(null),
  custom: CustomFieldValuesSchema.default({}),
  description: OptionalShortText.default(null),
  /** Where each captured value came from (the page, the method, who and when), as leads and contacts keep it. */
  provenance: z.record(z.string(), z.array(ProvenanceSchema).max(20)).default({}),
  /** Set when this record was merged away: the record it lives on in (this one is tombstoned). */
  mergedIntoId: IdSchema.nullable().default(null),
});
export type CompanyFields = z.infer<typeof CompanyFieldsSchema>;

/** An organisation: the account leads, contacts and deals belong to. */
export const CompanySchema = CompanyFieldsSchema.extend(BaseRecordShape);
export type Company = z.infer<typeof CompanySchema>;
