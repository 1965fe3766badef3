// Builders of small workspaces for the reports' tests (records hold only the fields reports read).
import type { SyncedRecord } from "../sync/record.ts";
import type { PipelineStage } from "../workspace.ts";
import type { ReportOptions } from "./common.ts";

/** The default pipeline (as WorkspaceSettingsSchema has it). */
export const PIPELINE: PipelineStage[] = [
  { key: "qualification", label: "Qualification", probability: 0.1, terminal: null },
  { key: "discovery", label: "Discovery", probability: 0.25, terminal: null },
  { key: "proposal", label: "Proposal", probability: 0.5, terminal: null },
  { key: "negotiation", label: "Negotiation", probability: 0.75, terminal: null },
  { key: "won", label: "Won", probability: 1, terminal: "won" },
  { key: "lost", label: "Lost", probability: 0, terminal: "lost" },
];

/** Options for November 2026, "now" on 2026-11-20. */
export const NOVEMBER: ReportOptions = {
  from: "2026-11-01",
  to: "2026-11-30",
  now: "2026-11-20T12:00:00.000Z",
  pipeline: PIPELINE,
};

/** A readable id from a short name ("l1" → a UUID-shaped id ending in its code points). */
export function id(name: string): string {
  const hex = [...name]
    .map((c) => c.charCodeAt(0).toString(16).padStart(2, "0"))
    .join("")
    .padStart(12, "0");
  return `00000000-0000-4000-8000-${hex.slice(-12)}`;
}

function wrap(type: SyncedRecord["type"], name: string, data: Record<string, unknown>, deleted = false): SyncedRecord {
  return {
    type,
    id: id(name),
    data: { id: id(name), ...data },
    meta: { clocks: {}, sets: {}, history: [] },
    deleted,
    version: 1,
  } as unknown as SyncedRecord;
}

export function lead(
  name: string,
  fields: {
    status?: string;
    at?: string;
    owner?: string | null;
    source?: string;
    reason?: string | null;
    updatedAt?: string;
    deleted?: boolean;
  },
): SyncedRecord {
  const at = fields.at ?? "2026-11-02T09:00:00.000Z";
  return wrap(
    "lead",
    name,
    {
      name,
      status: fields.status ?? "new",
      unqualifiedReason: fields.reason ?? null,
      source: { kind: fields.source ?? "manual" },
      ownerId: fields.owner ? id(fields.owner) : null,
      createdAt: at,
      updatedAt: fields.updatedAt ?? at,
    },
    fields.deleted,
  );
}

/** A status change of a lead. */
export function statusChange(name: string, leadName: string, from: string, to: string, at: string): SyncedRecord {
  return activity(name, { type: "status_change", subject: { type: "lead", id: id(leadName) }, at, data: { from, to } });
}

/** A stage change of a deal. */
export function stageChange(name: string, dealName: string, from: string, to: string, at: string): SyncedRecord {
  return activity(name, { type: "stage_change", subject: { type: "deal", id: id(dealName) }, at, data: { from, to } });
}

export function activity(
  name: string,
  fields: {
    type: string;
    subject?: { type: string; id: string };
    at: string;
    author?: string | null;
    data?: Record<string, unknown>;
    deleted?: boolean;
  },
): SyncedRecord {
  return wrap(
    "activity",
    name,
    {
      type: fields.type,
      subject: fields.subject ?? { type: "lead", id: id("nobody") },
      body: "",
      occurredAt: fields.at,
      authorId: fields.author ? id(fields.author) : null,
      data: fields.data ?? {},
      createdAt: fields.at,
      updatedAt: fields.at,
    },
    fields.deleted,
  );
}

export function deal(
  name: string,
  fields: {
    stage: string;
    amount: number;
    currency?: string;
    at?: string;
    updatedAt?: string;
    owner?: string | null;
    lead?: string | null;
    closeAt?: string | null;
    deleted?: boolean;
  },
): SyncedRecord {
  const at = fields.at ?? "2026-11-02T09:00:00.000Z";
  return wrap(
    "deal",
    name,
    {
      title: name,
      stage: fields.stage,
      amount: fields.amount,
      currency: fields.currency ?? "USD",
      leadId: fields.lead ? id(fields.lead) : null,
      ownerId: fields.owner ? id(fields.owner) : null,
      expectedCloseAt: fields.closeAt ?? null,
      createdAt: at,
      updatedAt: fields.updatedAt ?? at,
    },
    fields.deleted,
  );
}

export function task(
  name: string,
  fields: {
    done?: boolean;
    due?: string | null;
    assignee?: string | null;
    updatedAt?: string;
    subject?: { type: string; id: string } | null;
  },
): SyncedRecord {
  const at = fields.updatedAt ?? "2026-11-02T09:00:00.000Z";
  return wrap("task", name, {
    title: name,
    notes: "",
    done: fields.done ?? false,
    dueAt: fields.due ?? null,
    assigneeId: fields.assignee ? id(fields.assignee) : null,
    subject: fields.subject ?? null,
    createdAt: "2026-11-01T09:00:00.000Z",
    updatedAt: at,
  });
}
