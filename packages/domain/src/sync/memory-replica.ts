import type { RecordType } from "../common.ts";
import { MemoryRecordStore } from "./memory-store.ts";
import type { SyncedRecord } from "./record.ts";
import type { OutboxMutation, ReplicaBase, ReplicaStore } from "./replica.ts";

const keyOf = (type: string, id: string) => `${type}:${id}`;

/**
 * A replica kept in memory: the reference ReplicaStore, used by the sync property tests to run the
 * extension's client algorithm without a browser. Values are cloned in and out, as IndexedDB does.
 */
export class MemoryReplica extends MemoryRecordStore implements ReplicaStore {
  readonly bases = new Map<string, ReplicaBase>();
  /** Changes not yet acknowledged by the server, oldest first. */
  outbox: OutboxMutation[] = [];
  /** Changes a push answer acknowledged that no pulled page includes yet, oldest first. */
  sent: OutboxMutation[] = [];
  cookie = 0;

  async putRecords(records: SyncedRecord[]): Promise<void> {
    this.write(records);
  }

  async deleteRecord(type: RecordType, id: string): Promise<void> {
    this.records.delete(keyOf(type, id));
  }

  async getBase(type: RecordType, id: string): Promise<ReplicaBase | undefined> {
    const base = this.bases.get(keyOf(type, id));
    return base ? structuredClone(base) : undefined;
  }

  async putBase(base: ReplicaBase): Promise<void> {
    this.bases.set(keyOf(base.type, base.id), structuredClone(base));
  }

  async listBases(): Promise<ReplicaBase[]> {
    return [...this.bases.values()].map((base) => structuredClone(base));
  }

  async hasBases(): Promise<boolean> {
    return this.bases.size > 0;
  }

  async clearBases(): Promise<void> {
    this.bases.clear();
  }

  async listPending(): Promise<OutboxMutation[]> {
    return structuredClone([...this.sent, ...this.outbox]);
  }

  async hasPending(): Promise<boolean> {
    return this.sent.length + this.outbox.length > 0;
  }

  async markSentThrough(id: number): Promise<number> {
    const moved = this.outbox.filter((entry) => entry.id <= id);
    this.outbox = this.outbox.slice(moved.length);
    this.sent.push(...moved);
    return moved.length;
  }

  async dropPendingThrough(id: number): Promise<number> {
    const before = this.sent.length + this.outbox.length;
    this.sent = this.sent.filter((entry) => entry.id > id);
    this.outbox = this.outbox.filter((entry) => entry.id > id);
    return before - this.sent.length - this.outbox.length;
  }

  async getCookie(): Promise<number> {
    return this.cookie;
  }

  async setCookie(cookie: number): Promise<void> {
    this.cookie = cookie;
  }

  /** A deep copy of the whole replica, to roll back a step that "crashed" before committing. */
  snapshot(): MemoryReplica {
    const copy = new MemoryReplica();
    for (const [k, v] of this.records) copy.records.set(k, structuredClone(v));
    for (const [k, v] of this.bases) copy.bases.set(k, structuredClone(v));
    copy.outbox = structuredClone(this.outbox);
    copy.sent = structuredClone(this.sent);
    copy.cookie = this.cookie;
    return copy;
  }
}
