import { recordLabel, type Member, type RecordType } from "@leadpane/domain";

/** Actions the audit log records, with the words shown for them (record changes use their mutation's name). */
const AUDIT_ACTION_LABELS: Record<string, string> = {
  "workspace.created": "Created the workspace",
  "workspace.settings_changed": "Changed workspace settings",
  "workspace.exported": "Exported the workspace",
  "member.role_changed": "Changed a member's role",
  "member.removed": "Removed a member",
  "member.left": "Left the workspace",
  "member.ownership_transferred": "Transferred ownership",
  "invite.created": "Created an invite",
  "invite.revoked": "Revoked an invite",
  "invite.accepted": "Joined with an invite",
  "token.created": "Added a device",
  "token.revoked": "Revoked a device",
  "api_key.created": "Created an API key",
  "api_key.revoked": "Revoked an API key",
  "calendar_feed.created": "Turned on or renewed a calendar feed",
  "calendar_feed.revoked": "Turned off a calendar feed",
  "privacy.exported": "Exported a person's data",
  "privacy.erased": "Erased a person",
  "trash.purged": "Purged from the trash after 30 days",
  "webhook.created": "Added a webhook",
  "webhook.updated": "Changed a webhook",
  "webhook.deleted": "Deleted a webhook",
  "webhook.restored": "Restored a webhook",
  "webhook.secret_rotated": "Rotated a webhook's secret",
  "webhook.disabled": "Turned a webhook off (Leadpane)",
  "webhook.replayed": "Replayed a webhook delivery",
  create: "Created",
  update: "Changed",
  add: "Added to a list field",
  remove: "Removed from a list field",
  delete: "Deleted",
  restore: "Restored",
  restoreValue: "Restored a value",
  setLeadStatus: "Changed lead status",
  convertLead: "Converted a lead",
  mergeRecords: "Merged records",
  moveDeal: "Moved a deal",
  setDealCloseDate: "Changed a deal's close date",
  revertFields: "Undid a change",
  recordImport: "Imported records",
};

/** The action filter's choices, in the order shown. */
export const AUDIT_ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }));

/** Words for an audit action; unknown (newer) actions are shown as recorded. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** Who did it: the member's name from the synced list, or why there is none. */
export function auditMemberName(members: ReadonlyMap<string, Pick<Member, "name">>, memberId: string | null): string {
  if (!memberId) return "System";
  return members.get(memberId)?.name ?? "Former member";
}

/** Record types that have a page in the dashboard. */
const PAGED_TYPES = new Set(["lead", "contact", "company", "deal"]);

/** Whether an entry's target can be linked to a record page (when that record exists locally). */
export function hasRecordPage(recordType: string | null, recordId: string | null): recordType is string {
  return Boolean(recordType && recordId && PAGED_TYPES.has(recordType));
}

/** A short form of an id for display ("0190c7a0…0001"). */
export function shortId(id: string): string {
  return id.length > 14 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

/** Appends a page to what is shown, leaving out entries already there (a page re-read after new activity). */
export function appendPage<T extends { id: string }>(shown: readonly T[], page: readonly T[]): T[] {
  const seen = new Set(shown.map((e) => e.id));
  return [...shown, ...page.filter((e) => !seen.has(e.id))];
}

/** What an entry was about, in words: a member's name, or a record's type and short id. */
export function auditTarget(
  entry: { recordType: string | null; recordId: string | null },
  members: ReadonlyMap<string, Pick<Member, "name">>,
): string {
  if (!entry.recordType) return "";
  if (entry.recordType === "member" && entry.recordId) return auditMemberName(members, entry.recordId);
  return entry.recordId ? `${entry.recordType} ${shortId(entry.recordId)}` : entry.recordType;
}

/** A local record's name for the audit log. */
export function localRecordName(type: RecordType, data: Record<string, unknown>): string {
  return recordLabel(type, data) || "(no name)";
}

const countRecords = (n: number) => `${n} record${n === 1 ? "" : "s"}`;

/** The useful part of an entry's detail (ids and counts only, as the server stores them), in words. */
export function auditDetail(
  entry: { action: string; detail: Record<string, unknown> },
  members: ReadonlyMap<string, Pick<Member, "name">>,
): string {
  const d = entry.detail;
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  switch (entry.action) {
    case "member.role_changed":
      return str(d.from) && str(d.to) ? `${d.from} → ${d.to}` : "";
    case "invite.created":
    case "invite.accepted":
      return str(d.role) ? `as ${d.role}${d.emailBound ? ", for one email" : ""}` : "";
    case "token.revoked":
      return str(d.of) ? `of ${auditMemberName(members, d.of as string)}` : "";
    case "api_key.created":
      return d.scope === "read" ? "read only" : d.scope === "write" ? "read and write" : "";
    case "workspace.exported":
      return [str(d.format)?.toUpperCase(), typeof d.records === "number" ? countRecords(d.records) : null]
        .filter(Boolean)
        .join(", ");
    case "privacy.exported":
    case "trash.purged":
      return Array.isArray(d.records) ? countRecords(d.records.length) : "";
    case "webhook.disabled":
      return str(d.reason) ?? "";
    case "privacy.erased": {
      const erased =
        d.erased && typeof d.erased === "object"
          ? Object.values(d.erased as Record<string, unknown>).reduce<number>(
              (n, v) => n + (typeof v === "number" ? v : 0),
              0,
            )
          : null;
      return erased !== null ? countRecords(erased) : "";
    }
    default:
      return "";
  }
}
