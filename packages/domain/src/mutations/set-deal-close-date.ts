import { z } from "zod";
import { IdSchema } from "../common.ts";
import { notFound } from "../sync/context.ts";
import { updateRecord } from "../sync/fields.ts";
import { defineMutation } from "../sync/handler.ts";

/** Sets a deal's expected close date (a calendar day, YYYY-MM-DD), or clears it with null. */
const SetDealCloseDateArgsSchema = z.object({
  dealId: IdSchema,
  closeDate: z.iso.date().nullable(),
});

/** Sets or clears a deal's expected close date, stored as that day's start (UTC); last writer wins, like an update. */
export const setDealCloseDateMutation = defineMutation({
  name: "setDealCloseDate",
  args: SetDealCloseDateArgsSchema,
  refs: ({ dealId }) => [{ type: "deal", id: dealId }],
  async apply(reader, { dealId, closeDate }, ctx) {
    const deal = await reader.get("deal", dealId);
    if (!deal) return notFound("deal", dealId);
    return updateRecord(deal, { expectedCloseAt: closeDate === null ? null : `${closeDate}T00:00:00.000Z` }, ctx);
  },
});
