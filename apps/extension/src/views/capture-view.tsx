import { lookupKeys, registrableDomain } from "@leadpane/domain";
import { useEffect, useState } from "preact/hooks";
import { extractFromTab } from "../capture/extract-tab.ts";
import { draftsFrom, saveCapture, type CapturePage, type DraftPerson } from "../capture/save-capture.ts";
import { askWorker, MESSAGES } from "../messaging.ts";
import { getBlockedSites, type Session } from "../storage.ts";
import { db, getMeta } from "../store/db.ts";
import type { LocalRecord } from "../store/db.ts";

type Phase =
  | { kind: "loading" }
  | { kind: "blocked"; host: string }
  | { kind: "error"; message: string }
  | { kind: "ready"; page: CapturePage; drafts: DraftPerson[]; matches: Array<LocalRecord | null> }
  | { kind: "saved"; count: number };

/** Capture: the people found on the page, editable, with known duplicates flagged, saved in one go. */
export function CaptureView({ session, tabId }: { session: Session; tabId: number }) {
  const [phase, setPhase] = useState<Phase>({ kind: "loading" });
  const [selected, setSelected] = useState<boolean[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void (async () => {
      try {
        const tab = await browser.tabs.get(tabId);
        const url = tab.url ?? "";
        const host = url ? registrableDomain(url) ?? "" : "";
        const blocked = await getBlockedSites();
        if (host && blocked.some((site) => site === host || url.includes(`//${site}`))) return setPhase({ kind: "blocked", host });
        if (!/^https?:/.test(url)) return setPhase({ kind: "error", message: "Leadpane can capture from web pages only." });
        const result = await extractFromTab(tabId);
        const drafts = draftsFrom(result);
        const matches = await Promise.all(drafts.map(findExisting));
        drafts.forEach((d, i) => {
          const match = matches[i];
          if (match) d.existing = { type: match.type as "lead" | "contact", id: match.id };
        });
        setSelected(drafts.map(() => true));
        setPhase({ kind: "ready", page: { url, title: tab.title ?? "", result }, drafts, matches });
      } catch (error) {
        setPhase({ kind: "error", message: (error as Error).message || "Could not read this page" });
      }
    })();
  }, [tabId]);

  if (phase.kind === "loading") return <p class="muted" aria-busy="true">Reading the page…</p>;
  if (phase.kind === "blocked") return <p class="muted">Capture is turned off for {phase.host} (see Settings).</p>;
  if (phase.kind === "error") return <p class="error" role="alert">{phase.message}</p>;
  if (phase.kind === "saved") return <p class="success" role="status" data-testid="capture-saved">Saved {phase.count} {phase.count === 1 ? "person" : "people"} to {session.workspace.name}.</p>;

  const { page, drafts, matches } = phase;
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
          <button onClick={() => setSelected(drafts.map(() => true))}>Select all</button>
          <button onClick={() => setSelected(drafts.map(() => false))}>Select none</button>
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
              <label>Name<input value={draft.name} onInput={(e) => update(i, { name: e.currentTarget.value })} /></label>
              <label>Title<input value={draft.title} onInput={(e) => update(i, { title: e.currentTarget.value })} /></label>
              <label>Company<input value={draft.companyName} onInput={(e) => update(i, { companyName: e.currentTarget.value })} /></label>
              <label>Email<input value={draft.emails.join(", ")} onInput={(e) => update(i, { emails: splitList(e.currentTarget.value) })} /></label>
            </div>
            {!!draft.phones.length && <div class="small">☎ {draft.phones.join(", ")}</div>}
            <div class="small muted">Found via {draft.sources.join(", ")}</div>
            {matches[i] && (
              <div class="small stack" data-testid="capture-duplicate">
                <span class="pill warn">
                  Already in your workspace: {String(matches[i]!.data.name)} ({matches[i]!.type}) — same {matchReason(draft, matches[i]!)}
                </span>
                <label class="row" style={{ flexDirection: "row" }}>
                  <input
                    type="checkbox"
                    style={{ width: "auto" }}
                    checked={Boolean(draft.existing)}
                    onChange={(e) => update(i, { existing: e.currentTarget.checked ? { type: matches[i]!.type as "lead" | "contact", id: matches[i]!.id } : null })}
                  />
                  Add to the existing record instead of creating a new lead
                </label>
              </div>
            )}
          </div>
        </div>
      ))}
      <button class="primary" disabled={saving || chosen.length === 0} onClick={() => void save()}>
        {saving ? "Saving…" : `Save ${chosen.length} as ${chosen.length === 1 ? "lead" : "leads"}`}
      </button>
    </section>
  );
}

function splitList(value: string): string[] {
  return value.split(/[,;\s]+/).map((v) => v.trim()).filter(Boolean);
}

async function findExisting(draft: DraftPerson): Promise<LocalRecord | null> {
  const keys = [...draft.emails.flatMap((email) => lookupKeys({ email })), ...draft.urls.flatMap((url) => lookupKeys({ url }).filter((k) => k.startsWith("url:")))];
  if (!keys.length) return null;
  const rows = await db.records.where("keys").anyOf(keys).toArray();
  return rows.find((r) => !r.deleted && (r.type === "lead" || r.type === "contact")) ?? null;
}

function matchReason(draft: DraftPerson, record: LocalRecord): string {
  const emails = (record.data.emails as string[] | undefined) ?? [];
  return draft.emails.some((e) => emails.includes(e.toLowerCase())) ? "email" : "profile URL";
}
