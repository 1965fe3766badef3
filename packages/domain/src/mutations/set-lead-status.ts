import { z } from "zod";
import { IdSchema } from "../common.ts";
import { LeadStatusSchema } from "../lead.ts";
import { transitionLead } from "../lifecycle.ts";
import { clockAfter, openBatch } from "../sync/batch.ts";
import { authorIdOf, failed } from "../sync/context.ts";
import { defineMutation } from "../sync/handler.ts";

/**
 * Moves a lead along its status table and records a status_change activity with `activityId`
 * (client-generated, so every replica creates the same activity). Unqualifying needs a reason.
 */
const SetLeadStatusArgsSchema = z.object({
  leadId: IdSchema,
  status: LeadStatusSchema,
  reason: z.string().trim().max(300).optional(),
  activityId: IdSchema,
});

/** Moves a lead to another status by the lifecycle's table, with its status_change activity, together or not at all. */
export const setLeadStatusMutation = defineMutation({
  name: "setLeadStatus",
  args: SetLeadStatusArgsSchema,
  refs: ({ leadId, activityId }) => [
    { type: "lead", id: leadId },
    { type: "activity", id: activityId },
  ],
  async apply(reader, args, ctx) {
    const lead = await reader.get("lead", args.leadId);
    if (!lead) return failed("not_found", `lead ${args.leadId} does not exist`);
    if (lead.deleted) return failed("conflict", `lead ${args.leadId} is deleted`);
    const from = lead.data.status;
    // Replays and double clicks: already there, nothing to record.
    if (from === args.status && from !== "converted") return { ok: true, changed: [] };
    const transition = transitionLead(from, args.status, args.reason);
    if (!transition.ok) return { ok: false, error: transition.error };
    // An intent checked against the lead as found, so it is written after the lead's clocks.
    const batch = openBatch(reader, ctx);
    const error =
      (await batch.run("update", { type: "lead", id: lead.id, set: transition.value.set }, clockAfter(ctx, [lead]))) ??
      (await batch.run("create", {
        type: "activity",
        id: args.activityId,
        fields: {
          type: "status_change",
          subject: { type: "lead", id: lead.id },
          occurredAt: ctx.now,
          authorId: authorIdOf(ctx),
          data: transition.value.activity.data,
        },
      }));
    return error ? { ok: false, error } : batch.result();
  },
});
