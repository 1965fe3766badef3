import {
  displayPhone,
  methodsInWords,
  postalAddressLines,
  registrableDomain,
  type PostalAddress,
} from "@leadpane/domain";
import { focusWhenReady } from "../hooks/focus-after-change.ts";
import { isNeverCaptureUrl } from "@leadpane/domain/never-capture";
import { useEffect, useRef, useState } from "preact/hooks";
import { extractFromTab, PageReadError } from "../capture/extract-tab.ts";
import { choicesFor, differencesFrom, matchesFor, type ChoiceOption } from "../capture/capture-matches.ts";
import { resolvePageCompany, type PageCompany } from "../capture/capture-company.ts";
import { draftErrors, firstBadField, type DraftErrors, type DraftField } from "../capture/draft-errors.ts";
import { draftsFrom, draftValues, saveCapture, type CapturePage, type DraftPerson } from "../capture/save-capture.ts";
import { plainFailure } from "../components/plain-failure.ts";
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
  | {
      kind: "ready";
      page: CapturePage;
      drafts: DraftPerson[];
      /** The choices offered for each card, by the card's key. */
      options: Record<string, ChoiceOption[]>;
      company: PageCompany | null;
      /** The workspace's phone region: the company's phone reads as the record card will show it. */
      region: string;
    }
  | { kind: "saved"; count: number; company: string | null };

/** The id of a card's field: what a label, an error and the focus point at. */
const fieldId = (key: string, field: DraftField) => `capture-${key}-${field}`;

/**
 * Capture: the people found on the page, editable, with known duplicates flagged, saved in one go
 * with the page's company. Ticks, errors and focus follow each card's key, never its place; a card
 * with a problem is marked where it is, in plain words, and nothing is saved until it is fixed (or
 * unticked: the rep chooses to save the others).
 */
export function CaptureView({ session, tabId }: { session: Session; tabId: number }) {
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, DraftErrors>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [withCompany, setWithCompany] = useState(true);
  const [saving, setSaving] = useState(false);
  const focusNext = useRef<string | null>(null);
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
        const drafts = draftsFrom(result);
        const options: Record<string, ChoiceOption[]> = {};
        for (const d of drafts) {
          options[d.key] = await choicesFor(await matchesFor(draftValues(d), { website: d.website }, region));
          d.choice = options[d.key]![0]!.choice;
        }
        setSelected(new Set(drafts.map((d) => d.key)));
        setPhase({ kind: "ready", page, drafts, options, company: await resolvePageCompany(result), region });
      } catch (error) {
        if (error instanceof SiteAccessError) return setPhase({ kind: "no-access", url: error.url });
        // Only our own words reach the person; anything else (a closed tab, a browser error) is said plainly.
        const message =
          error instanceof PageReadError ? error.message : "Could not read this page: reload it and try again";
        setPhase({ kind: "error", message });
      }
    })();
  }, [tabId, attempt]);

  // The first bad field takes the focus after a refused save, so the rep starts fixing right there.
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

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
        {phase.count > 0
          ? `Saved ${phase.count} ${phase.count === 1 ? "person" : "people"}${phase.company ? ` at ${phase.company}` : ""} to ${session.workspace.name}.`
          : `Saved ${phase.company ?? "the company"} to ${session.workspace.name}.`}
      </p>
    );

  const { page, drafts, options, company } = phase;
  const update = (key: string, patch: Partial<DraftPerson>) => {
    const next = drafts.map((d) => (d.key === key ? { ...d, ...patch } : d));
    setPhase({ ...phase, drafts: next });
    // A card already marked is checked again as the rep types, so a fixed field clears at once.
    if (errors[key]) setErrors({ ...errors, [key]: draftErrors(next.find((d) => d.key === key)!) });
  };
  const chosen = drafts.filter((d) => selected.has(d.key));
  const saveCompany = Boolean(company && withCompany);
  const save = async () => {
    setFailure(null);
    const found: Record<string, DraftErrors> = {};
    for (const d of chosen) {
      const e = draftErrors(d);
      if (Object.keys(e).length) found[d.key] = e;
    }
    setErrors(found);
    const firstBad = chosen.find((d) => found[d.key]);
    if (firstBad) {
      focusNext.current = fieldId(firstBad.key, firstBadField(found[firstBad.key]!)!);
      return;
    }
    setSaving(true);
    try {
      const settings = await getMeta("settings", null);
      await saveCapture(page, chosen, session, settings?.defaultRegion ?? "US", saveCompany ? company : null);
      void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
      // The company the people were linked to: the workspace's own record when it had one, not the page's guess.
      const savedAt = saveCompany ? (company?.known?.name ?? company?.company.name ?? null) : null;
      setPhase({ kind: "saved", count: chosen.length, company: savedAt });
      // The cards and their Save button are gone: focus goes to the confirmation that replaced them.
      focusWhenReady('[data-testid="capture-saved"]');
    } catch (error) {
      // Everything typed stays on screen; only the reason is added.
      setFailure(`Nothing was saved: ${plainFailure(error, "the change could not be saved")}`);
    } finally {
      setSaving(false);
    }
  };
  const badCount = chosen.filter((d) => errors[d.key] && Object.keys(errors[d.key]!).length).length;

  return (
    <section class="stack capture" aria-label="People found on this page">
      <div class="row">
        <h2>
          {drafts.length === 0
            ? "No people found on this page"
            : drafts.length === 1
              ? "1 person found"
              : `${drafts.length} people found`}
        </h2>
      </div>
      {company && (
        <div class="card soft small stack" data-testid="capture-company">
          <strong>
            <span>{company.company.name}</span>
            {company.domain && <span class="muted"> · {company.domain}</span>}
          </strong>
          {company.company.postalAddress ? (
            <AddressBlock address={company.company.postalAddress} testId="capture-company-address" />
          ) : (
            company.company.address && <span class="wrap">{company.company.address}</span>
          )}
          {company.company.phones[0] && (
            <span data-testid="capture-company-phone">
              ☎ {displayPhone(company.company.phones[0], phase.region).text}
            </span>
          )}
          <label class="inline">
            <input type="checkbox" checked={withCompany} onChange={(e) => setWithCompany(e.currentTarget.checked)} />
            {company.known
              ? `Link to ${company.known.name}, already in your workspace`
              : `Save ${company.company.name} as a company`}
          </label>
        </div>
      )}
      {drafts.length > 1 && (
        <div class="row small">
          <button type="button" onClick={() => setSelected(new Set(drafts.map((d) => d.key)))}>
            Select all
          </button>
          <button type="button" onClick={() => setSelected(new Set())}>
            Select none
          </button>
        </div>
      )}
      {drafts.map((draft) => (
        <DraftCard
          key={draft.key}
          draft={draft}
          checked={selected.has(draft.key)}
          errors={selected.has(draft.key) ? (errors[draft.key] ?? {}) : {}}
          options={options[draft.key] ?? []}
          onCheck={(on) => {
            const next = new Set(selected);
            if (on) next.add(draft.key);
            else next.delete(draft.key);
            setSelected(next);
          }}
          onChange={(patch) => update(draft.key, patch)}
        />
      ))}
      {(drafts.length > 0 || company) && (
        <div class="capture-footer stack" data-testid="capture-footer">
          {badCount > 0 && (
            <p class="error small" role="alert" data-testid="capture-errors">
              {badCount === 1 ? "1 person needs" : `${badCount} people need`} a fix before saving (marked above), or
              untick {badCount === 1 ? "it" : "them"} to save the others.
            </p>
          )}
          {failure && (
            <p class="error small" role="alert">
              {failure}
            </p>
          )}
          <button
            type="button"
            class="primary"
            disabled={saving || (chosen.length === 0 && !saveCompany)}
            onClick={() => void save()}
          >
            {saving ? "Saving…" : saveLabel(chosen, saveCompany)}
          </button>
        </div>
      )}
    </section>
  );
}

/** One person's card: tick, fields with their problems beside them, how they were found, duplicates. */
function DraftCard({
  draft,
  checked,
  errors,
  options,
  onCheck,
  onChange,
}: {
  draft: DraftPerson;
  checked: boolean;
  errors: DraftErrors;
  options: ChoiceOption[];
  onCheck: (on: boolean) => void;
  onChange: (patch: Partial<DraftPerson>) => void;
}) {
  const field = (name: DraftField, label: string, props: { wide?: boolean; type?: string; placeholder?: string }) => {
    const id = fieldId(draft.key, name);
    const error = errors[name];
    return (
      <div class={`field${props.wide ? " wide" : ""}`}>
        <label for={id}>{label}</label>
        <input
          id={id}
          type={props.type ?? "text"}
          value={draft[name]}
          placeholder={props.placeholder}
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => onChange({ [name]: e.currentTarget.value })}
        />
        {error && (
          <span class="field-error" id={`${id}-error`} data-testid="capture-field-error">
            {error}
          </span>
        )}
      </div>
    );
  };
  return (
    <div class="card person" data-testid="capture-person" data-key={draft.key}>
      <input
        type="checkbox"
        checked={checked}
        aria-label={`Save ${draft.name || "this person"}`}
        onChange={(e) => onCheck(e.currentTarget.checked)}
      />
      <div class="stack">
        <div class="fields">
          {field("name", "Name", {})}
          {field("title", "Title", {})}
          {field("companyName", "Company", { wide: true })}
          {field("emails", "Email", { wide: true, placeholder: "name@company.com" })}
          {field("phones", "Phone", { type: "tel", placeholder: "+1 415 555 0100" })}
          {field("urls", "Link", { placeholder: "linkedin.com/in/…" })}
        </div>
        {draft.postalAddress && (
          <div class="small">
            <span class="muted">Address</span>
            <AddressBlock address={draft.postalAddress} testId="capture-person-address" />
          </div>
        )}
        <div class="small muted">{methodsInWords(draft.sources) ?? "Found on this page"}</div>
        {options.length > 1 && <DuplicateReview draft={draft} options={options} onChange={onChange} />}
      </div>
    </div>
  );
}

/** A captured address as one block in its country's usual order, for review before saving. */
function AddressBlock({ address, testId }: { address: PostalAddress; testId: string }) {
  return (
    <span class="address-lines wrap" data-testid={testId}>
      {postalAddressLines(address, { locale: globalThis.navigator?.language ?? "en" }).map((line, i) => (
        <span key={`${i}-${line}`}>{line}</span>
      ))}
    </span>
  );
}

/** "Save 1 as lead", "Save 3 (1 update)", "Save the company": what the button will do. */
function saveLabel(chosen: DraftPerson[], withCompany: boolean): string {
  if (chosen.length === 0) return withCompany ? "Save the company" : "Save";
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
    choice?.kind === "update"
      ? differencesFrom(choice.known, draftValues(draft)).filter((c) => c.kind === "changed")
      : [];
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
            name={`choice-${draft.key}`}
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
