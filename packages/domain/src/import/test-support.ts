// Helpers for the import tests: records in a Map, changed through the mutation registry.
import type { RecordType } from "../common.ts";
import { applyMutation } from "../mutations/registry.ts";
import type { ApplyContext } from "../sync/context.ts";
import { formatHlc } from "../sync/hlc.ts";
import { isRecordOf, typedRecord, type WireRecord } from "../sync/record.ts";

/** A replica in a Map that applies mutations through the registry (stored when they apply). */
export function memory() {
  const rows = new Map<string, WireRecord>();
  return {
    rows,
    async get<T extends RecordType>(type: T, id: string) {
      const stored = rows.get(`${type}:${id}`);
      const record = stored && typedRecord(stored);
      return record && isRecordOf(record, type) ? record : undefined;
    },
    async run(name: string, args: unknown, ctx: ApplyContext) {
      const result = await applyMutation(this, name, args, ctx);
      if (result.ok) for (const r of result.changed) rows.set(`${r.type}:${r.id}`, r);
      return result;
    },
  };
}

/** The context of a change made `wall` ms after a fixed moment. */
export function ctx(wall: number): ApplyContext {
  return {
    now: new Date(1_700_000_000_000 + wall).toISOString(),
    hlc: formatHlc({ wall: 1_700_000_000_000 + wall, counter: 0, node: "a" }),
    actorId: null,
    defaultRegion: "US",
  };
}
