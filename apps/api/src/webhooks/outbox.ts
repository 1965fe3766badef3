import { eq } from "drizzle-orm";
import {
  newId,
  type PipelineStage,
  type RecordType,
  type WebhookEventType,
  webhookEventsFor,
  webhookFilterPasses,
} from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";
import type { Actor } from "../auth/actor.ts";
import type { Tx } from "../db/client.ts";
import { toPublicRecord } from "../db/mappers.ts";
import { members, webhookDeliveries } from "../db/schema.ts";
import { rawTx } from "../sync/raw-tx.ts";

/** What the outbox needs of the push's reader: a record as it stands before the change is staged. */
interface BeforeReader {
  get(type: RecordType, id: string): Promise<SyncedRecord | undefined>;
}

interface Endpoint {
  id: string;
  events: Set<string>;
  filter: { ownerId: string | null; tag: string | null };
}

/** Rows per INSERT. */
const INSERT_SLICE = 50;

/**
 * The transactional outbox of webhook events, filled inside the write transaction that applies
 * the changes: `observe` each applied mutation's changed records before they are staged, then
 * `write` the deliveries with the rest of the transaction (it commits or rolls back with the
 * change; the delivery worker sends it later, so no write waits on a receiver). A workspace
 * without enabled endpoints costs one indexed query per transaction and nothing per record.
 */
export class WebhookOutbox {
  readonly #transitions: Array<{ before: SyncedRecord | undefined; after: SyncedRecord }> = [];

  private constructor(
    private readonly tx: Tx,
    private readonly actor: Actor,
    private readonly pipeline: readonly PipelineStage[],
    private readonly endpoints: Endpoint[],
  ) {}

  /** The outbox of one write transaction, with the workspace's enabled endpoints. */
  static async open(tx: Tx, actor: Actor, pipeline: readonly PipelineStage[]): Promise<WebhookOutbox> {
    // Plain SQL: it runs in every write transaction, where drizzle's query building costs more than the query.
    const rows = (
      await rawTx(tx).execute({
        sql:
          "SELECT id, events, filter_owner_id, filter_tag FROM webhook_endpoints " +
          "WHERE workspace_id = ? AND enabled = 1 AND deleted_at IS NULL",
        args: [actor.workspaceId],
      })
    ).rows;
    const endpoints = rows.map((row) => ({
      id: String(row.id),
      events: new Set(JSON.parse(String(row.events)) as string[]),
      filter: {
        ownerId: row.filter_owner_id === null ? null : String(row.filter_owner_id),
        tag: row.filter_tag === null ? null : String(row.filter_tag),
      },
    }));
    return new WebhookOutbox(tx, actor, pipeline, endpoints);
  }

  /** Notes one applied mutation's changes; call before they are staged, so `reader` still has the old records. */
  async observe(reader: BeforeReader, changed: SyncedRecord[]): Promise<void> {
    if (this.endpoints.length === 0) return;
    for (const after of changed) this.#transitions.push({ before: await reader.get(after.type, after.id), after });
  }

  /** Writes a delivery per event per endpoint that wants it, in the caller's transaction. */
  async write(now: Date): Promise<void> {
    if (this.#transitions.length === 0) return;
    const [member] = await this.tx
      .select({ name: members.name })
      .from(members)
      .where(eq(members.id, this.actor.memberId));
    const actor = { id: this.actor.memberId, name: member?.name ?? "" };
    const timestamp = now.toISOString();
    const rows: Array<typeof webhookDeliveries.$inferInsert> = [];
    for (const { before, after } of this.#transitions) {
      const types: WebhookEventType[] = webhookEventsFor(before, after, this.pipeline);
      for (const type of types) {
        const wanting = this.endpoints.filter((e) => e.events.has(type) && webhookFilterPasses(e.filter, after));
        if (wanting.length === 0) continue;
        // Standard Webhooks' payload: type, timestamp, data. One message id per event (the
        // `webhook-id`), the same for every endpoint, retry and replay.
        const payload = JSON.stringify({
          type,
          timestamp,
          data: { record: toPublicRecord(after), actor, workspaceId: this.actor.workspaceId },
        });
        const messageId = `msg_${newId()}`;
        for (const endpoint of wanting) {
          rows.push({
            id: newId(),
            workspaceId: this.actor.workspaceId,
            endpointId: endpoint.id,
            messageId,
            eventType: type,
            payload,
            status: "pending",
            nextAttemptMs: now.getTime(),
            createdAt: timestamp,
            createdMs: now.getTime(),
          });
        }
      }
    }
    for (let i = 0; i < rows.length; i += INSERT_SLICE)
      await this.tx.insert(webhookDeliveries).values(rows.slice(i, i + INSERT_SLICE));
  }
}
