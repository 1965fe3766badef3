// Test helpers for whatever applies changes through the mutation registry: the handlers' tests and
// the import's plans.
import type { RecordType } from "../common.ts";
import { applyMutation } from "../mutations/registry.ts";
import type { ApplyContext } from "../sync/context.ts";
import { formatHlc } from "../sync/hlc.ts";
import { isRecordOf, typedRecord, type WireRecord } from "../sync/record.ts";

/**
 * Records in a Map, changed only by `run` (a mutation applied through the registry, stored when ok).
 * Tests read `rows` as stored, any field by name.
 */
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

/** The context of a change made `wall` ms after a fixed moment, by node `node`. */
export function ctx(wall: number, node = "a"): ApplyContext {
  return {
    now: new Date(1_700_000_000_000 + wall).toISOString(),
    hlc: formatHlc({ wall: 1_700_000_000_000 + wall, counter: 0, node }),
    actorId: null,
    defaultRegion: "US",
  };
}
