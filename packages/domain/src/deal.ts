import { z } from "zod";
import { BaseRecordShape, CustomFieldValuesSchema, IdSchema, MAX_SET, ShortText, TagSchema } from "./common.ts";

/** An ISO 4217 currency code. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR");

/** The stage a deal starts in when none is given (the default pipeline's first). */
export const DEFAULT_DEAL_STAGE = "qualification";

/** The editable fields of a deal. */
export const DealFieldsSchema = z.object({
  title: ShortText,
  stage: z.string().trim().min(1).max(64).default(DEFAULT_DEAL_STAGE),
  amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  currency: CurrencySchema.default("USD"),
  contactId: IdSchema.nullable().default(null),
  companyId: IdSchema.nullable().default(null),
  leadId: IdSchema.nullable().default(null),
  ownerId: IdSchema.nullable().default(null),
  expectedCloseAt: z.iso.datetime({ offset: false }).nullable().default(null),
  tags: z.array(TagSchema).max(MAX_SET).default([]),
  custom: CustomFieldValuesSchema.default({}),
});
export type DealFields = z.infer<typeof DealFieldsSchema>;

/** An opportunity moving through the pipeline; amount in integer minor units. */
export const DealSchema = DealFieldsSchema.extend(BaseRecordShape);
export type Deal = z.infer<typeof DealSchema>;
