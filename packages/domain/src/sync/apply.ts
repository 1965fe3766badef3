import { failed, type ApplyContext, type ApplyResult, type RecordReader } from "./context.ts";
import type { MutationHandler, RecordRef } from "./handler.ts";

/** Applies mutations by name and says which records they name, from a list of handlers (the registry's). */
export interface MutationApplier {
  /**
   * Applies one mutation to the records it names with the conflict rules every replica shares and the
   * domain's rules (its handler's). Pure apart from reading through `reader`; the caller writes
   * `changed`. An unknown name or arguments that do not fit are `invalid`.
   */
  apply(reader: RecordReader, name: string, rawArgs: unknown, ctx: ApplyContext): Promise<ApplyResult>;
  /** The records a mutation names, its main record first; none when its name or arguments are not valid. */
  refs(name: string, rawArgs: unknown): RecordRef[];
}

/** The applier over these handlers; their names must be unique. */
export function mutationApplier(handlers: readonly MutationHandler[]): MutationApplier {
  const byName = new Map<string, MutationHandler>();
  for (const handler of handlers) {
    if (byName.has(handler.name)) throw new Error(`two mutations are named ${handler.name}`);
    byName.set(handler.name, handler);
  }
  /**
   * Arguments `refs` parsed, by their raw object, for the `apply` that follows (a server reads a
   * push's records up front, then applies each mutation): parsed once, not twice (a tenth of a
   * push's apply). Taken once, so a second apply of the same object (a replay) parses afresh.
   */
  const parsedByRefs = new WeakMap<object, { handler: MutationHandler; data: unknown }>();
  return {
    async apply(reader, name, rawArgs, ctx) {
      const handler = byName.get(name);
      if (!handler) return failed("invalid", `unknown mutation: ${name}`);
      const kept = typeof rawArgs === "object" && rawArgs !== null ? parsedByRefs.get(rawArgs) : undefined;
      if (kept) parsedByRefs.delete(rawArgs as object);
      if (kept?.handler === handler) return handler.apply(reader, kept.data, ctx);
      const parsed = handler.args.safeParse(rawArgs);
      if (!parsed.success)
        return failed("invalid", `invalid ${name} arguments: ${parsed.error.issues[0]?.message ?? ""}`);
      return handler.apply(reader, parsed.data, ctx);
    },
    refs(name, rawArgs) {
      const handler = byName.get(name);
      const parsed = handler?.args.safeParse(rawArgs);
      if (!handler || !parsed?.success) return [];
      if (typeof rawArgs === "object" && rawArgs !== null) parsedByRefs.set(rawArgs, { handler, data: parsed.data });
      return handler.refs(parsed.data);
    },
  };
}
