import { registrableDomain } from "@leadpane/domain";
import { isNeverCaptureUrl } from "@leadpane/domain/never-capture";
import { useEffect, useState } from "preact/hooks";
import { extractFromTab, PageReadError } from "../capture/extract-tab.ts";
import { choicesFor, differencesFrom, matchesFor, type ChoiceOption } from "../capture/capture-matches.ts";
import { draftsFrom, saveCapture, websiteFor, type CapturePage, type DraftPerson } from "../capture/save-capture.ts";
import { askWorker, MESSAGES } from "../messaging.ts";
import { getBlockedSites, type Session } from "../chrome-storage.ts";
import { getMeta } from "../local-db/db.ts";
import { SiteAccessError } from "../capture/site-access.ts";
import { SiteAccess } from "../components/site-access.tsx";

type Phase =
  | { kind: "loading" }
  | { kind: "blocked"; host: string }
  | { kind: "error"; message: string }
  | { kind: "no-access"; url: string }
  | { kind: "ready"; page: CapturePage; drafts: DraftPerson[]; options: ChoiceOption[][] }
  | { kind: "saved"; count: number };

/** Capture: the people found on the page, editable, with known duplicates flagged, saved in one go. */
export function CaptureView({ session, tabId }: { session: Session; tabId: number }) {
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [selected, setSelected] = useState<boolean[]>([]);
  const [saving, setSaving] = useState(false);
  // Bumped to read the page again (after the person allowed Leadpane on the site).
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void (async () => {
      try {
        const tab = await browser.tabs.get(tabId);
        const url = tab.url ?? "";
        // Said before anything is read; extractFromTab refuses such a page by the same rule.
        if (isNeverCaptureUrl(url, await getBlockedSites()))
          return setPhase({ kind: "blocked", host: registrableDomain(url) ?? new URL(url).hostname });
        if (!/^https?:/.test(url))
          return setPhase({ kind: "error", message: "Leadpane can capture from web pages only." });
        const result = await extractFromTab(tabId);
        const page = { url, title: tab.title ?? "", result };
        const region = (await getMeta("settings", null))?.defaultRegion ?? "US";
        const website = websiteFor(page);
        const drafts = draftsFrom(result);
        const options = await Promise.all(
          drafts.map(async (d) => choicesFor(await matchesFor(d, { website }, region))),
        );
        for (const [i, d] of drafts.entries()) d.choice = options[i]![0]!.choice;
        setSelected(drafts.map(() => true));
        setPhase({ kind: "ready", page, drafts, options });
      } catch (error) {
        if (error instanceof SiteAccessError) return setPhase({ kind: "no-access", url: error.url });
        // Only our own words reach the person; anything else (a closed tab, a browser error) is said plainly.
        const message =
          error instanceof PageReadError ? error.message : "Could not read this page: reload it and try again";
        setPhase({ kind: "error", message });
      }
    })();
  }, [tabId, attempt]);

  if (phase.kind === "loading")
    return (
      <p class="muted" aria-busy="true">
        Reading the page…
      </p>
    );
  if (phase.kind === "no-access")
    return (
      <SiteAccess
        url={phase.url}
        onAllowed={() => {
          setPhase({ kind: "loading" });
          setAttempt((n) => n + 1);
        }}
      />
    );
  if (phase.kind === "blocked") return <p class="muted">Capture is turned off for {phase.host} (see Settings).</p>;
  if (phase.kind === "error")
    return (
      <p class="error" role="alert">
        {phase.message}
      </p>
    );
  if (phase.kind === "saved")
    return (
      <p class="success" role="status" data-testid="capture-saved">
        Saved {phase.count} {phase.count === 1 ? "person" : "people"} to {session.workspace.name}.
      </p>
    );

  const { page, drafts, options } = phase;
  if (!drafts.length) {
    return (
      <div class="empty" data-testid="capture-empty">
        No people found on this page.
        {page.result.companies[0]?.name && <div class="small">Company: {page.result.companies[0].name}</div>}
      </div>
    );
  }
  const update = (index: number, patch: Partial<DraftPerson>) => {
    const next = drafts.map((d, i) => (i === index ? { ...d, ...patch } : d));
    setPhase({ ...phase, drafts: next });
  };
  const chosen = drafts.filter((_, i) => selected[i]);
  const save = async () => {
    setSaving(true);
    try {
      const settings = await getMeta("settings", null);
      await saveCapture(page, chosen, session, settings?.defaultRegion ?? "US");
      void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
      setPhase({ kind: "saved", count: chosen.length });
    } catch (error) {
      setPhase({ kind: "error", message: (error as Error).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section class="stack" aria-label="People found on this page">
      <div class="row">
        <h2>{drafts.length === 1 ? "1 person found" : `${drafts.length} people found`}</h2>
        {page.result.companies[0]?.name && <span class="pill">{page.result.companies[0].name}</span>}
      </div>
      {drafts.length > 1 && (
        <div class="row small">
          <button type="button" onClick={() => setSelected(drafts.map(() => true))}>
            Select all
          </button>
          <button type="button" onClick={() => setSelected(drafts.map(() => false))}>
            Select none
          </button>
        </div>
      )}
      {drafts.map((draft, i) => (
        <div class="card person" key={i} data-testid="capture-person">
          <input
            type="checkbox"
            checked={selected[i]}
            aria-label={`Save ${draft.name}`}
            onChange={(e) => setSelected(selected.map((s, j) => (j === i ? e.currentTarget.checked : s)))}
          />
          <div class="stack">
            <div class="fields">
              <label>
                Name
                <input value={draft.name} onInput={(e) => update(i, { name: e.currentTarget.value })} />
              </label>
              <label>
                Title
                <input value={draft.title} onInput={(e) => update(i, { title: e.currentTarget.value })} />
              </label>
              <label>
                Company
                <input value={draft.companyName} onInput={(e) => update(i, { companyName: e.currentTarget.value })} />
              </label>
              <label>
                Email
                <input
                  value={draft.emails.join(", ")}
                  onInput={(e) => update(i, { emails: splitList(e.currentTarget.value) })}
                />
              </label>
            </div>
            {!!draft.phones.length && <div class="small">☎ {draft.phones.join(", ")}</div>}
            <div class="small muted">Found via {draft.sources.join(", ")}</div>
            {options[i]!.length > 1 && (
              <DuplicateReview draft={draft} options={options[i]!} onChange={(patch) => update(i, patch)} />
            )}
          </div>
        </div>
      ))}
      <button type="button" class="primary" disabled={saving || chosen.length === 0} onClick={() => void save()}>
        {saving ? "Saving…" : saveLabel(chosen)}
      </button>
    </section>
  );
}

function splitList(value: string): string[] {
  return value
    .split(/[,;\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}

/** "Save 1 as lead", "Save 3 (1 update)": what the button will do. */
function saveLabel(chosen: DraftPerson[]): string {
  const updates = chosen.filter((d) => d.choice?.kind === "update").length;
  if (updates === 0) return `Save ${chosen.length} as ${chosen.length === 1 ? "lead" : "leads"}`;
  if (updates === chosen.length)
    return chosen.length === 1 ? "Update 1 existing record" : `Update ${updates} existing records`;
  return `Save ${chosen.length} (${updates} ${updates === 1 ? "update" : "updates"})`;
}

/**
 * Someone on the page is already known: the matches with their reasons, the choice (update the
 * existing record, a new lead at the known company, or keep separate) and, when updating, each
 * value the page says differently, taken only when ticked.
 */
function DuplicateReview({
  draft,
  options,
  onChange,
}: {
  draft: DraftPerson;
  options: ChoiceOption[];
  onChange: (patch: Partial<DraftPerson>) => void;
}) {
  const current = options.findIndex((o) => o.choice === draft.choice);
  const choice = draft.choice;
  const differences =
    choice?.kind === "update" ? differencesFrom(choice.known, draft).filter((c) => c.kind === "changed") : [];
  const accepted = draft.accepted ?? [];
  return (
    <fieldset class="small stack duplicate" data-testid="capture-duplicate">
      <legend class="pill warn">Already in your workspace?</legend>
      <ul class="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {options
          .filter((o) => o.reason)
          .map((o) => (
            <li key={o.label} data-testid="capture-match-reason">
              {o.reason}
            </li>
          ))}
      </ul>
      {options.map((o, j) => (
        <label key={o.label}>
          <input
            type="radio"
            name={`choice-${draft.name}`}
            checked={j === current}
            onChange={() => onChange({ choice: o.choice, accepted: [] })}
          />
          {o.label}
        </label>
      ))}
      {differences.length > 0 && (
        <div class="stack" data-testid="capture-differences">
          <span class="muted">The page says otherwise (kept in the record's history unless you take it):</span>
          {differences.map((c) => {
            const on = accepted.some((a) => a.field === c.field && a.after === c.after);
            return (
              <label key={`${c.field}:${c.after}`}>
                <input
                  type="checkbox"
                  checked={on}
                  onChange={(e) =>
                    onChange({
                      accepted: e.currentTarget.checked
                        ? [...accepted, c]
                        : accepted.filter((a) => !(a.field === c.field && a.after === c.after)),
                    })
                  }
                />
                Use {c.field === "companyName" ? "company" : c.field} “{c.after}” instead of “{c.before}”
              </label>
            );
          })}
        </div>
      )}
    </fieldset>
  );
}
