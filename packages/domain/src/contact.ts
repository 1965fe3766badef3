import { z } from "zod";
import {
  BaseRecordShape,
  CustomFieldValuesSchema,
  EmailSchema,
  IdSchema,
  MAX_SET,
  OptionalShortText,
  PhoneSchema,
  ProvenanceMapSchema,
  ShortText,
  TagSchema,
  UrlSchema,
} from "./common.ts";
import { PostalAddressSchema } from "./postal-address.ts";

/** Where an established relationship stands. */
export const CONTACT_LIFECYCLES = ["prospect", "customer", "partner", "former"] as const;
export const ContactLifecycleSchema = z.enum(CONTACT_LIFECYCLES);
export type ContactLifecycle = z.infer<typeof ContactLifecycleSchema>;

/** The editable fields of a contact. */
export const ContactFieldsSchema = z.object({
  name: ShortText,
  emails: z.array(EmailSchema).max(MAX_SET).default([]),
  phones: z.array(PhoneSchema).max(MAX_SET).default([]),
  urls: z.array(UrlSchema).max(MAX_SET).default([]),
  title: OptionalShortText.default(null),
  companyId: IdSchema.nullable().default(null),
  location: OptionalShortText.default(null),
  /** The postal address in its parts (street, city, postcode, region, country); null until known. */
  postalAddress: PostalAddressSchema.nullable().default(null),
  lifecycle: ContactLifecycleSchema.default("prospect"),
  tags: z.array(TagSchema).max(MAX_SET).default([]),
  ownerId: IdSchema.nullable().default(null),
  sourceLeadIds: z.array(IdSchema).max(MAX_SET).default([]),
  /** Set when this record was merged away: the record it lives on in (this one is tombstoned). */
  mergedIntoId: IdSchema.nullable().default(null),
  provenance: ProvenanceMapSchema.default({}),
  custom: CustomFieldValuesSchema.default({}),
});
export type ContactFields = z.infer<typeof ContactFieldsSchema>;

/** An established relationship: a person the team works with. */
export const ContactSchema = ContactFieldsSchema.extend(BaseRecordShape);
export type Contact = z.infer<typeof ContactSchema>;
