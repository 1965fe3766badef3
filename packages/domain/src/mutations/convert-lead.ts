import { z } from "zod";
import { IdSchema, ShortText } from "../common.ts";
import { convertLead } from "../convert.ts";
import { CurrencySchema } from "../deal.ts";
import { defineMutation } from "../sync/handler.ts";

/**
 * Converts a lead into a contact, a company and optionally a deal. The ids are proposals for
 * records the conversion creates; an existing contact or company that matches is used instead.
 */
const ConvertLeadArgsSchema = z
  .object({
    leadId: IdSchema,
    contactId: IdSchema,
    companyId: IdSchema,
    dealId: IdSchema.optional(),
    deal: z
      .object({
        title: ShortText,
        amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        currency: CurrencySchema.optional(),
      })
      .optional(),
    activityId: IdSchema,
  })
  .refine((args) => (args.deal === undefined) === (args.dealId === undefined), "deal and dealId go together");

/** Converts a lead into a contact, a company and optionally a deal, by the conversion's rules (convert.ts). */
export const convertLeadMutation = defineMutation({
  name: "convertLead",
  args: ConvertLeadArgsSchema,
  refs: ({ leadId, contactId, companyId, dealId, activityId }) => [
    { type: "lead", id: leadId },
    { type: "contact", id: contactId },
    { type: "company", id: companyId },
    ...(dealId === undefined ? [] : [{ type: "deal", id: dealId }]),
    { type: "activity", id: activityId },
  ],
  apply: convertLead,
});
