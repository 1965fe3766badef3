import { z } from "zod";
import { IdSchema } from "../common.ts";
import { MERGEABLE_TYPES, mergeRecords } from "../merge-records.ts";
import { defineMutation } from "../sync/handler.ts";

/**
 * Merges `mergedId` into `survivorId` (two leads, contacts or companies); `picks` chooses a side per
 * field; with `activityId` a merge activity is recorded on the survivor.
 */
const MergeRecordsArgsSchema = z.object({
  type: z.enum(MERGEABLE_TYPES),
  survivorId: IdSchema,
  mergedId: IdSchema,
  picks: z.record(z.string().max(64), z.enum(["survivor", "merged"])).optional(),
  activityId: IdSchema.optional(),
});

/** Merges two leads, contacts or companies into one, re-pointing what pointed at the merged one (merge-records.ts). */
export const mergeRecordsMutation = defineMutation({
  name: "mergeRecords",
  args: MergeRecordsArgsSchema,
  refs: ({ type, survivorId, mergedId, activityId }) => [
    { type, id: survivorId },
    { type, id: mergedId },
    ...(activityId === undefined ? [] : [{ type: "activity", id: activityId }]),
  ],
  apply: mergeRecords,
});
