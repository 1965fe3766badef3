import { z } from "zod";
import { IdSchema } from "../common.ts";
import { canMoveDeal, pipelineOf } from "../pipeline.ts";
import { clockAfter, openBatch } from "../sync/batch.ts";
import { authorIdOf, failed, settingsOf } from "../sync/context.ts";
import { defineMutation } from "../sync/handler.ts";

/** Moves a deal to another pipeline stage and records a stage_change activity with `activityId`. */
const MoveDealArgsSchema = z.object({
  dealId: IdSchema,
  stage: z.string().trim().min(1).max(64),
  activityId: IdSchema,
});

/** Moves a deal to another stage (won and lost are final) with its stage_change activity, together or not at all. */
export const moveDealMutation = defineMutation({
  name: "moveDeal",
  args: MoveDealArgsSchema,
  refs: ({ dealId, activityId }) => [
    { type: "deal", id: dealId },
    { type: "activity", id: activityId },
  ],
  async apply(reader, args, ctx) {
    const deal = await reader.get("deal", args.dealId);
    if (!deal) return failed("not_found", `deal ${args.dealId} does not exist`);
    if (deal.deleted) return failed("conflict", `deal ${args.dealId} is deleted`);
    const from = String(deal.data.stage);
    if (from === args.stage) return { ok: true, changed: [] };
    const pipeline = pipelineOf(settingsOf(ctx));
    const move = canMoveDeal(pipeline, from, args.stage);
    if (!move.ok) return { ok: false, error: move.error };
    const batch = openBatch(reader, ctx);
    const error =
      (await batch.run("update", { type: "deal", id: deal.id, set: { stage: args.stage } }, clockAfter(ctx, [deal]))) ??
      (await batch.run("create", {
        type: "activity",
        id: args.activityId,
        fields: {
          type: "stage_change",
          subject: { type: "deal", id: deal.id },
          occurredAt: ctx.now,
          authorId: authorIdOf(ctx),
          data: { from, to: args.stage, probability: move.value.probability, terminal: move.value.terminal },
        },
      }));
    return error ? { ok: false, error } : batch.result();
  },
});
