import { canManageMembers, type Member } from "@leadpane/domain";
import { useEffect, useState } from "preact/hooks";
import { readAudit, type AuditEntry, type AuditFilter } from "../components/admin-api.ts";
import { AdminError } from "../components/admin-error.tsx";
import { ROLE_LABELS } from "../components/admin-rules.ts";
import { currentRole } from "../session/member-role.ts";
import "../components/admin.css";
import {
  appendPage,
  AUDIT_ACTION_OPTIONS,
  localRecordName,
  auditActionLabel,
  auditDetail,
  auditMemberName,
  auditTarget,
  hasRecordPage,
} from "../components/audit-entries.ts";
import { formatWhen, recordHref } from "../components/format.ts";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import type { Session } from "../chrome-storage.ts";
import { getRecord } from "../local-db/queries.ts";

/** Entries per page of the audit log. */
const AUDIT_PAGE_SIZE = 50;

/**
 * The audit log (owners and admins): who created, changed, converted, merged, deleted or exported
 * what, and when; newest first, a page at a time, filtered by action and member. Members' names
 * come from the synced member list; records that exist on this browser link to their page.
 */
export function AuditView({ session, members }: { session: Session; members: Map<string, Member> }) {
  const role = currentRole(session, members);
  if (!canManageMembers(role)) {
    const admins = [...members.values()].filter((m) => canManageMembers(m.role)).map((m) => m.name);
    return (
      <section class="admin-page" aria-labelledby="audit-title">
        <h1 id="audit-title">Audit log</h1>
        <div class="card empty stack" role="status" data-testid="audit-unavailable">
          <p>
            The audit log is open to owners and admins only. You are {ROLE_LABELS[role].toLowerCase()} in{" "}
            {session.workspace.name}.
          </p>
          {admins.length > 0 && <p class="small">Ask {admins.join(" or ")} if you need to know who changed what.</p>}
        </div>
      </section>
    );
  }
  return <AuditLog session={session} members={members} />;
}

function AuditLog({ session, members }: { session: Session; members: Map<string, Member> }) {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  const load = async (from: string | null, replace: boolean) => {
    setLoading(true);
    setError(null);
    try {
      const page = await readAudit(session, filter, from, AUDIT_PAGE_SIZE);
      setEntries((shown) => (replace ? page.items : appendPage(shown, page.items)));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(null, true), [filter.action, filter.memberId, session.token]);

  // Which linked records exist here (kept current: an erased or merged record stops being a link).
  const linkable = entries.filter((e) => hasRecordPage(e.recordType, e.recordId));
  const local = useLiveQuery(
    async () => {
      const found = await Promise.all(linkable.map((e) => getRecord(e.recordType!, e.recordId!)));
      return new Map(
        found.filter((r) => r && !r.deleted).map((r) => [`${r!.type}:${r!.id}`, localRecordName(r!.type, r!.data)]),
      );
    },
    [linkable.map((e) => e.id).join(",")],
    new Map<string, string>(),
  );
  const memberList = [...members.values()].sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section class="admin-page" aria-labelledby="audit-title">
      <div class="header">
        <h1 id="audit-title">Audit log</h1>
        <button type="button" onClick={() => void load(null, true)} disabled={loading}>
          Refresh
        </button>
      </div>
      <form class="filters card soft" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span id="audit-action-label">Action</span>
          <select
            aria-labelledby="audit-action-label"
            value={filter.action ?? ""}
            onChange={(e) => setFilter({ ...filter, action: e.currentTarget.value || undefined })}
          >
            <option value="">All actions</option>
            {AUDIT_ACTION_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span id="audit-member-label">Member</span>
          <select
            aria-labelledby="audit-member-label"
            value={filter.memberId ?? ""}
            onChange={(e) => setFilter({ ...filter, memberId: e.currentTarget.value || undefined })}
          >
            <option value="">Everyone</option>
            {memberList.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        {(filter.action || filter.memberId) && (
          <button type="button" onClick={() => setFilter({})}>
            Clear filters
          </button>
        )}
      </form>
      <AdminError error={error} />
      {entries.length === 0 && loading && (
        <div class="card skeleton" role="progressbar" aria-busy="true" aria-label="Loading the audit log" />
      )}
      {entries.length === 0 && !loading && !error && (
        <p class="card empty" role="status">
          {filter.action || filter.memberId ? "Nothing matches these filters." : "Nothing recorded yet."}
        </p>
      )}
      {entries.length > 0 && (
        <table class="audit-table" data-testid="audit-log" aria-busy={loading}>
          <caption>
            Newest first · {entries.length} shown{cursor ? ", more below" : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">About</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const here = hasRecordPage(e.recordType, e.recordId)
                ? local.get(`${e.recordType}:${e.recordId}`)
                : undefined;
              const target = here ? `${e.recordType} · ${here}` : auditTarget(e, members);
              const linked = here !== undefined;
              const detail = auditDetail(e, members);
              return (
                <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                  <td class="when">
                    <time dateTime={e.at}>{formatWhen(e.at)}</time>
                  </td>
                  <td>{auditMemberName(members, e.memberId)}</td>
                  <td>
                    {auditActionLabel(e.action)}
                    {detail && <span class="muted small"> · {detail}</span>}
                  </td>
                  <td>
                    {linked ? (
                      <a href={recordHref(e.recordType!, e.recordId!)}>{target}</a>
                    ) : (
                      <span class={e.recordType === "member" ? "" : "muted"}>{target}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {cursor && (
        <div>
          <button type="button" onClick={() => void load(cursor, false)} disabled={loading}>
            {loading ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </section>
  );
}
