import type { z } from "zod";
import type { ApplyContext, ApplyResult, RecordReader } from "./context.ts";

/** A record a mutation names: its type and id. */
export interface RecordRef {
  type: string;
  id: string;
}

/**
 * One mutation: its name on the wire, the schema of its arguments, the records it names and how it
 * applies. One file per mutation under mutations/, listed in mutations/registry.ts; the engine finds
 * it there by name and never imports it.
 */
export interface MutationHandler<Name extends string = string, Args extends z.ZodType = z.ZodType> {
  readonly name: Name;
  /** Its arguments as they travel: part of the wire, pinned by protocol-version.test.ts. */
  readonly args: Args;
  /**
   * The records the arguments name, its main record first (the audit log's record): the server reads
   * them in one query before it applies a push, and checks them against privacy erasures. A record
   * a new activity or task is about counts, since creating it would bring that record's story back.
   */
  refs(args: z.output<Args>): RecordRef[];
  /** Applies it with the domain's rules; pure apart from reading through `reader`, the caller writes `changed`. */
  apply(reader: RecordReader, args: z.output<Args>, ctx: ApplyContext): Promise<ApplyResult>;
}

/** A handler, typed by its own name and arguments (so the registry can derive the wire's types from it). */
export function defineMutation<Name extends string, Args extends z.ZodType>(
  handler: MutationHandler<Name, Args>,
): MutationHandler<Name, Args> {
  return handler;
}

/** The `subject` a create's or update's fields name (what a new activity or task is about), if any. */
export function subjectRefs(fields: Record<string, unknown>): RecordRef[] {
  const subject = fields.subject as { type?: unknown; id?: unknown } | null | undefined;
  return subject && typeof subject === "object" && typeof subject.type === "string" && typeof subject.id === "string"
    ? [{ type: subject.type, id: subject.id }]
    : [];
}
