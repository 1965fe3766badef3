import type { Member } from "@leadpane/domain";
import type { LocalRecord } from "../store/db.ts";

/** A lead, contact or company at a glance. */
export function RecordCard({ record, members }: { record: LocalRecord; members: Map<string, Member> }) {
  const d = record.data as {
    name?: string; title?: string | null; companyName?: string | null; status?: string; lifecycle?: string;
    emails?: string[]; phones?: string[]; tags?: string[]; ownerId?: string | null; domain?: string | null; website?: string | null;
  };
  const owner = d.ownerId ? members.get(d.ownerId)?.name : null;
  return (
    <article class="card stack" data-testid={`record-${record.type}`} aria-label={`${record.type} ${d.name ?? ""}`}>
      <div class="header">
        <h2>{d.name}</h2>
        <span class={`pill ${record.type}`}>{record.type === "lead" ? `Lead · ${d.status}` : record.type === "contact" ? `Contact · ${d.lifecycle}` : "Company"}</span>
      </div>
      {(d.title || d.companyName) && (
        <div class="muted">{[d.title, d.companyName].filter(Boolean).join(" · ")}</div>
      )}
      {record.type === "company" && (d.domain || d.website) && <div class="muted">{d.domain ?? d.website}</div>}
      {!!d.emails?.length && <div class="small">{d.emails.join(", ")}</div>}
      {!!d.phones?.length && <div class="small">{d.phones.join(", ")}</div>}
      <div class="row small">
        {owner && <span class="muted">Owner: {owner}</span>}
        {d.tags?.map((tag) => <span class="pill" key={tag}>{tag}</span>)}
      </div>
    </article>
  );
}
