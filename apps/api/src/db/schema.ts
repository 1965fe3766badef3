import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** A team's workspace; `version` is the sync cursor, bumped by every committed change. */
export const workspaces = sqliteTable("workspaces", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  settings: text("settings").notNull().default("{}"),
  version: integer("version").notNull().default(0),
  createdAt: text("created_at").notNull(),
});

/** A person in a workspace with a role. Removed members keep their row for history. */
export const members = sqliteTable(
  "members",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    name: text("name").notNull(),
    email: text("email").notNull(),
    role: text("role", { enum: ["owner", "admin", "member", "viewer"] }).notNull(),
    createdAt: text("created_at").notNull(),
    removedAt: text("removed_at"),
  },
  (t) => [index("members_workspace").on(t.workspaceId)],
);

/** A device token: only its SHA-256 is stored. */
export const tokens = sqliteTable(
  "tokens",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    memberId: text("member_id")
      .notNull()
      .references(() => members.id),
    tokenHash: text("token_hash").notNull(),
    label: text("label").notNull().default("device"),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("tokens_hash").on(t.tokenHash), index("tokens_member").on(t.memberId)],
);

/** A single-use, expiring invite code (stored as its SHA-256). */
export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    codeHash: text("code_hash").notNull(),
    role: text("role", { enum: ["admin", "member", "viewer"] }).notNull(),
    email: text("email"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    acceptedAt: text("accepted_at"),
    acceptedBy: text("accepted_by"),
    /** Set when an owner or admin withdrew the invite before it was used. */
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("invites_code").on(t.codeHash), index("invites_workspace").on(t.workspaceId)],
);

/**
 * Every record of every type, as the sync engine stores it: the record's fields (`data`), the merge
 * metadata (`meta`: clocks, set tags, history) and the workspace version of its last change.
 */
export const records = sqliteTable(
  "records",
  {
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    type: text("type", { enum: ["lead", "contact", "company", "deal", "activity", "task"] }).notNull(),
    id: text("id").notNull(),
    data: text("data").notNull(),
    meta: text("meta").notNull(),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    version: integer("version").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  // No index on updated_at: nothing orders or filters by it (lists go by id, sync by version), and
  // it cost every record write one more b-tree insert (and an update a delete too).
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.type, t.id] }),
    index("records_version").on(t.workspaceId, t.version),
    // Tombstones only (few): the trash's list and the purge find them without reading live records.
    index("records_trash").on(t.workspaceId).where(sql`${t.deleted} = 1`),
  ],
);

/** The match-key index: `email:…`, `domain:…`, `url:…`, `phone:…`, `subject:<type>:<id>` → record. */
export const recordKeys = sqliteTable(
  "record_keys",
  {
    workspaceId: text("workspace_id").notNull(),
    key: text("key").notNull(),
    type: text("type").notNull(),
    id: text("id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.key, t.type, t.id] }),
    index("record_keys_record").on(t.workspaceId, t.type, t.id),
  ],
);

/**
 * Hard deletions, so pulls tell every client to drop the record and no queued change brings it
 * back: `privacy` (a person erased, with the notes and tasks about them) or `purged` (a tombstone
 * past the trash's 30 days).
 */
export const erasures = sqliteTable(
  "erasures",
  {
    workspaceId: text("workspace_id").notNull(),
    type: text("type").notNull(),
    id: text("id").notNull(),
    version: integer("version").notNull(),
    reason: text("reason", { enum: ["privacy", "purged"] })
      .notNull()
      .default("privacy"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.type, t.id] }),
    index("erasures_version").on(t.workspaceId, t.version),
  ],
);

/**
 * The identifiers (email addresses) of erased people, as salted hashes (no address is kept), with
 * when they were erased: a change made before that moment that carries one (an offline client's
 * queued create or add) is refused, so an erasure holds; a change made after it is a new, deliberate capture.
 */
export const erasedKeys = sqliteTable(
  "erased_keys",
  {
    workspaceId: text("workspace_id").notNull(),
    keyHash: text("key_hash").notNull(),
    erasedAtMs: integer("erased_at_ms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.keyHash] })],
);

/**
 * Each sync client's last processed mutation id: stored with the mutations' effects, in one
 * transaction. `acks` holds the client's recent pushes as `[version, lastMutationId]` pairs, oldest
 * first (at most `KEPT_ACKS`), so a pull page can acknowledge exactly what it contains.
 */
export const syncClients = sqliteTable(
  "sync_clients",
  {
    workspaceId: text("workspace_id").notNull(),
    clientId: text("client_id").notNull(),
    memberId: text("member_id").notNull(),
    lastMutationId: integer("last_mutation_id").notNull().default(0),
    acks: text("acks").notNull().default("[]"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.clientId] })],
);

/** Who created, changed, converted, merged, deleted or exported what, and when. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: text("workspace_id").notNull(),
    memberId: text("member_id"),
    action: text("action").notNull(),
    recordType: text("record_type"),
    recordId: text("record_id"),
    at: text("at").notNull(),
    detail: text("detail").notNull().default("{}"),
  },
  (t) => [index("audit_workspace_at").on(t.workspaceId, t.id)],
);

/** Server-wide settings such as the hash of the first-start setup token. */
export const serverSettings = sqliteTable("server_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: text("updated_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/**
 * The forecast of each week (`GET /v1/reports/forecast` as it stood, the whole workspace's), kept so
 * that a later week can show what was forecast beside what closed: one per workspace per ISO week
 * (its Monday), taken the first time the week's forecast is read or by the hourly snapshot job.
 */
export const forecastSnapshots = sqliteTable(
  "forecast_snapshots",
  {
    workspaceId: text("workspace_id").notNull(),
    week: text("week").notNull(),
    takenAt: text("taken_at").notNull(),
    /** The domain's ForecastReport as JSON, without its record ids. */
    data: text("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.week] })],
);

/**
 * A workspace's webhook endpoint: where Leadpane posts events, signed per Standard Webhooks with
 * `secret` (a `whsec_…` key, kept in clear because signing needs it; shown to people only at
 * creation and rotation). After a rotation the previous secret also signs until
 * `previousSecretUntil`, so a receiver can switch keys without missing a message.
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    url: text("url").notNull(),
    /** The event types sent, as a JSON array. */
    events: text("events").notNull(),
    /** Only records owned by (tasks: assigned to) this member, when set. */
    filterOwnerId: text("filter_owner_id"),
    /** Only records carrying this tag, when set. */
    filterTag: text("filter_tag"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    secret: text("secret").notNull(),
    previousSecret: text("previous_secret"),
    previousSecretUntil: text("previous_secret_until"),
    /** Why Leadpane turned the endpoint off (410 Gone, days of failures); null when people did. */
    disabledReason: text("disabled_reason"),
    disabledAt: text("disabled_at"),
    /** When deliveries started failing without a success since (ms); null while healthy. */
    failingSinceMs: integer("failing_since_ms"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    /** Deleted endpoints are kept (restorable: the delete can be undone) and send nothing. */
    deletedAt: text("deleted_at"),
  },
  (t) => [index("webhook_endpoints_workspace").on(t.workspaceId)],
);

/**
 * The transactional outbox and the delivery log in one: a row per event per endpoint, written in
 * the same transaction as the change it reports; the delivery worker sends rows whose
 * `nextAttemptMs` has come (claiming one moves it a lease ahead, so a process killed mid-delivery
 * leaves it due again). `messageId` is the `webhook-id`: the same on every retry and replay.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    messageId: text("message_id").notNull(),
    eventType: text("event_type").notNull(),
    /** The JSON body sent, exactly (what is signed). */
    payload: text("payload").notNull(),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptMs: integer("next_attempt_ms"),
    createdAt: text("created_at").notNull(),
    createdMs: integer("created_ms").notNull(),
    lastAttemptAt: text("last_attempt_at"),
    responseStatus: integer("response_status"),
    latencyMs: integer("latency_ms"),
    responseExcerpt: text("response_excerpt"),
    error: text("error"),
    /** The delivery this one replays, when it is a replay. */
    replayOf: text("replay_of"),
  },
  (t) => [
    index("webhook_deliveries_endpoint").on(t.endpointId, t.id),
    index("webhook_deliveries_due").on(t.nextAttemptMs).where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * A named API key for an integration, scoped `read` or `write`: only its SHA-256 is stored. It acts
 * for the owner or admin who made it (removed with them) but is no device token: it is not listed
 * among devices and may not manage tokens, keys, members or calendar feeds.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    /** The owner or admin who made the key: requests with it act as this member. */
    memberId: text("member_id")
      .notNull()
      .references(() => members.id),
    name: text("name").notNull(),
    scope: text("scope", { enum: ["read", "write"] }).notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash").on(t.keyHash), index("api_keys_workspace").on(t.workspaceId)],
);

/**
 * A member's private calendar feed (`GET /v1/calendar/<secret>.ics`): the secret in its URL is the
 * credential, so only its SHA-256 is stored. One live feed per member; regenerating revokes the old one.
 */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: text("id").primaryKey(),
    workspaceId: text("workspace_id")
      .notNull()
      .references(() => workspaces.id),
    memberId: text("member_id")
      .notNull()
      .references(() => members.id),
    secretHash: text("secret_hash").notNull(),
    createdAt: text("created_at").notNull(),
    lastFetchedAt: text("last_fetched_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [uniqueIndex("calendar_feeds_secret").on(t.secretHash), index("calendar_feeds_member").on(t.memberId)],
);

/**
 * The workspace's import history: one entry per import (`recordImport` parts with the same id add
 * up), with what it created and changed, so it can be listed and undone.
 */
export const imports = sqliteTable(
  "imports",
  {
    workspaceId: text("workspace_id").notNull(),
    id: text("id").notNull(),
    memberId: text("member_id"),
    fileName: text("file_name").notNull().default(""),
    format: text("format").notNull(),
    createdAt: text("created_at").notNull(),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** The import's parts (the domain's ImportPart without counts) as a JSON array: what undo works from. */
    changes: text("changes").notNull().default("[]"),
    undoneAt: text("undone_at"),
    undoneBy: text("undone_by"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("imports_workspace_created").on(t.workspaceId, t.createdAt),
  ],
);
