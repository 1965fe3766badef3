// A generated workspace for the reports' benchmarks: leads with status changes and conversions,
// deals with stage changes, notes, calls and captures, tasks. Deterministic (a fixed seed).
import type { SyncedRecord } from "../src/sync/record.ts";

const STATUSES = ["new", "working", "qualified", "unqualified", "converted"] as const;
const SOURCES = ["web", "email", "manual", "import"] as const;
const STAGES = ["qualification", "discovery", "proposal", "negotiation", "won", "lost"] as const;
const WORK = ["note", "call", "email", "capture", "meeting"] as const;

/** `total` records: 30 % leads, 10 % deals, 50 % activities, 10 % tasks, over 2026, by 8 reps. */
export function reportWorkspace(total: number): SyncedRecord[] {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const id = (n: number) => `0190c7a0-0000-7000-8000-${String(n).padStart(12, "0")}`;
  const reps = Array.from({ length: 8 }, (_, i) => id(900_000_000 + i));
  const at = () => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 340 * 86_400_000)).toISOString();
  const meta = () => ({ clocks: {}, sets: {}, history: [] });
  const records: SyncedRecord[] = [];
  const leads = Math.round(total * 0.3);
  const deals = Math.round(total * 0.1);
  const tasks = Math.round(total * 0.1);
  let n = 0;
  const push = (type: SyncedRecord["type"], data: Record<string, unknown>) => {
    const recordId = id(++n);
    records.push({
      type,
      id: recordId,
      data: { id: recordId, ...data },
      meta: meta(),
      deleted: false,
      version: n,
    } as unknown as SyncedRecord);
    return recordId;
  };
  const activity = (type: string, subject: { type: string; id: string }, when: string, data: object) =>
    push("activity", {
      type,
      subject,
      body: "",
      occurredAt: when,
      authorId: pick(reps),
      data,
      createdAt: when,
      updatedAt: when,
    });
  const leadIds: string[] = [];
  for (let i = 0; i < leads; i++) {
    const created = at();
    const status = pick(STATUSES);
    const leadId = push("lead", {
      name: `Lead ${i}`,
      status,
      unqualifiedReason: status === "unqualified" ? pick(["No budget", "No fit", "Competitor"]) : null,
      source: { kind: pick(SOURCES) },
      ownerId: pick(reps),
      createdAt: created,
      updatedAt: created,
    });
    leadIds.push(leadId);
    if (records.length >= total) break;
  }
  for (let i = 0; i < deals && records.length < total; i++) {
    const created = at();
    push("deal", {
      title: `Deal ${i}`,
      stage: pick(STAGES),
      amount: Math.floor(random() * 5_000_000),
      currency: random() < 0.9 ? "USD" : "EUR",
      leadId: random() < 0.5 ? pick(leadIds) : null,
      ownerId: pick(reps),
      expectedCloseAt: random() < 0.7 ? at() : null,
      createdAt: created,
      updatedAt: created,
    });
  }
  for (let i = 0; i < tasks && records.length < total; i++) {
    push("task", {
      title: `Task ${i}`,
      notes: "",
      done: random() < 0.5,
      dueAt: random() < 0.8 ? at() : null,
      assigneeId: pick(reps),
      subject: { type: "lead", id: pick(leadIds) },
      createdAt: at(),
      updatedAt: at(),
    });
  }
  while (records.length < total) {
    const kind = random();
    if (kind < 0.25)
      activity("status_change", { type: "lead", id: pick(leadIds) }, at(), {
        from: pick(STATUSES),
        to: pick(STATUSES),
      });
    else if (kind < 0.3) activity("conversion", { type: "lead", id: pick(leadIds) }, at(), {});
    else if (kind < 0.4)
      activity("stage_change", { type: "deal", id: id(leads + 1 + Math.floor(random() * deals)) }, at(), {
        from: "proposal",
        to: pick(STAGES),
      });
    else activity(pick(WORK), { type: "lead", id: pick(leadIds) }, at(), {});
  }
  return records;
}
