import { z } from "zod";
import { IdSchema, RecordTypeSchema } from "../common.ts";
import { MemberSchema, WorkspaceSettingsSchema } from "../workspace.ts";
import { MUTATION_NAMES } from "../mutation-names.ts";
import { HLC_PATTERN } from "./hlc.ts";
import { SyncedRecordSchema } from "./record.ts";

// The version and the servers' range live apart from the schemas (and zod), for the service worker's
// light round (docs/extension-bundle.md); every importer still finds them here.
export { OLDEST_CLIENT_PROTOCOL, PROTOCOL_VERSION, servesProtocol } from "./protocol-version.ts";

/** Most mutations in one push. */
export const MAX_PUSH_MUTATIONS = 500;
/** Default and most records in one pull page. */
export const DEFAULT_PULL_LIMIT = 1000;
export const MAX_PULL_LIMIT = 5000;

/** One change made on a client, in the order the client made it. */
export const MutationEnvelopeSchema = z.object({
  /** Per-client sequence number: 1, 2, 3… with no gaps. */
  id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  name: z.enum([...MUTATION_NAMES] as [string, ...string[]]),
  args: z.unknown(),
  /** The client's hybrid logical clock when the change was made. */
  hlc: z.string().regex(HLC_PATTERN),
});
export type MutationEnvelope = z.infer<typeof MutationEnvelopeSchema>;

/** Body of POST /v1/sync/push. */
export const PushRequestSchema = z.object({
  protocolVersion: z.number().int(),
  clientId: IdSchema,
  mutations: z.array(MutationEnvelopeSchema).min(1).max(MAX_PUSH_MUTATIONS),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

/** What became of one pushed mutation. */
export const MutationResultSchema = z.object({
  id: z.number().int(),
  /** applied: took effect now; duplicate: processed before; rejected: can never apply (see error). */
  status: z.enum(["applied", "duplicate", "rejected"]),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type MutationResult = z.infer<typeof MutationResultSchema>;

/** Answer to a push, sent only after the mutations' effects are committed. */
export const PushResponseSchema = z.object({
  lastMutationId: z.number().int(),
  results: z.array(MutationResultSchema),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

/** One change in a pull: a record's new state, or its erasure. */
export const PatchOpSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("put"), record: SyncedRecordSchema }),
  z.object({ op: z.literal("del"), type: RecordTypeSchema, id: IdSchema }),
]);
export type PatchOp = z.infer<typeof PatchOpSchema>;

/** Query of GET /v1/sync/pull. */
export const PullQuerySchema = z.object({
  protocolVersion: z.coerce.number().int(),
  clientId: IdSchema,
  cookie: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

/**
 * Answer to a pull: the records changed after `cookie` (whole pushes, never split across pages),
 * the new cookie, this client's last processed mutation id, and whether more pages follow.
 */
export const PullResponseSchema = z.object({
  protocolVersion: z.number().int(),
  cookie: z.number().int(),
  lastMutationIDChanges: z.record(z.string(), z.number().int()),
  patch: z.array(PatchOpSchema),
  hasMore: z.boolean(),
  members: z.array(MemberSchema),
  settings: WorkspaceSettingsSchema,
  /** Server time, so clients move their clocks forward. */
  serverTime: z.string(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** Query of GET /v1/sync/poke: the cookie the client has pulled to. */
export const PokeQuerySchema = z.object({ cookie: z.coerce.number().int().min(0).default(0) });

/** The events of the poke stream (server-sent events), by name. */
export const POKE_EVENTS = {
  /** First event: the stream is open and watches for changes past the client's cookie. */
  ready: "ready",
  /** The workspace moved past the client's cookie: pull now. */
  poke: "poke",
  /** Sent while idle so proxies and the client see the stream alive; its data is empty. */
  ping: "ping",
} as const;

/** Data of the `ready` event: the cookie the stream watches from. */
export const PokeReadySchema = z.object({ cookie: z.number().int().min(0) });
export type PokeReady = z.infer<typeof PokeReadySchema>;

/** Data of the `poke` event: the workspace version now reached. */
export const PokeSchema = z.object({ version: z.number().int() });
export type Poke = z.infer<typeof PokeSchema>;
