import type { Activity, Company, Contact, Lead, Member } from "@leadpane/domain";
import type { LocalRecord } from "../local-db/db.ts";
import { loadedRules } from "../local-db/rules.ts";
import { PhoneLinks, SavedLinks } from "./contact-details.tsx";
import { statusLabel } from "./format.ts";

/** A lead, contact or company at a glance, with the lead's score and why. */
export function RecordCard({
  record,
  members,
  activities = [],
  companyName,
  onOpen,
}: {
  record: LocalRecord;
  members: Map<string, Member>;
  activities?: Activity[];
  companyName?: string | null;
  /**
   * Opens the record's full page (the side panel opens the dashboard); without it, as on that page,
   * the name is plain text.
   */
  onOpen?: () => void;
}) {
  // The fields a card shows; which of them a record has depends on its type.
  const d: Partial<Lead & Contact & Company> = record.data;
  const owner = d.ownerId ? (members.get(d.ownerId)?.name ?? "a former member") : null;
  // Loaded by the read that gave this record (recordDetail).
  const score = record.type === "lead" ? loadedRules().scoreLead(record.data, activities, new Date()) : null;
  const status = record.type === "lead" ? (d.status ?? "new") : record.type === "contact" ? (d.lifecycle ?? "") : "";
  const company = d.companyName ?? companyName ?? null;
  return (
    <article
      class="card stack record-card"
      data-testid={`record-${record.type}`}
      aria-label={`${record.type} ${d.name ?? ""}`}
    >
      <div class="header">
        <h2 class="record-name">
          {onOpen ? (
            <button type="button" class="link" onClick={onOpen}>
              {d.name}
            </button>
          ) : (
            d.name
          )}
        </h2>
        <span class={`pill ${record.type}`} data-testid="record-status">
          {record.type === "lead"
            ? `Lead · ${statusLabel(status)}`
            : record.type === "contact"
              ? `Contact · ${statusLabel(status)}`
              : "Company"}
        </span>
      </div>
      {(d.title || company) && <div class="muted">{[d.title, company].filter(Boolean).join(" · ")}</div>}
      {record.type === "company" && d.domain && !d.website && <div class="muted">{d.domain}</div>}
      {d.unqualifiedReason && status === "unqualified" && (
        <div class="small warn-text">Unqualified: {d.unqualifiedReason}</div>
      )}
      {!!d.emails?.length && (
        <ul class="inline-list small" aria-label="Emails">
          {d.emails.map((e) => (
            <li key={e} class="ellipsis">
              <a href={`mailto:${e}`} title={e}>
                {e}
              </a>
            </li>
          ))}
        </ul>
      )}
      <PhoneLinks phones={d.phones ?? []} />
      <SavedLinks urls={savedLinks(d)} />
      {(d.address || d.location) && <div class="small muted wrap-anywhere">{d.address ?? d.location}</div>}
      <div class="row small">
        <span class="muted">Owner: {owner ?? "unassigned"}</span>
        {d.tags?.map((tag) => (
          <span class="pill tag" key={tag}>
            {tag}
          </span>
        ))}
      </div>
      {score && (
        <details class="score" data-testid="lead-score">
          <summary>
            <span class={`score-badge ${score.score >= 60 ? "hot" : score.score >= 30 ? "warm" : "cold"}`}>
              {score.score}
            </span>
            <span class="small muted">
              {" "}
              lead score · fit {score.fit} · engagement {score.engagement}
            </span>
          </summary>
          <ul class="small reasons">
            {score.reasons.map((r) => (
              <li key={r.rule}>
                <strong>+{r.points}</strong> {r.detail}
              </li>
            ))}
            {!score.reasons.length && (
              <li class="muted">Nothing to score yet: add a title, an email or an activity.</li>
            )}
          </ul>
        </details>
      )}
    </article>
  );
}

/** The links a card shows: the saved ones, with the website first when it is not among them. */
function savedLinks(d: Partial<Lead & Contact & Company>): string[] {
  const urls = d.urls ?? [];
  return d.website && !urls.includes(d.website) ? [d.website, ...urls] : urls;
}
