import { canWrite, type Member, type WorkspaceSettings } from "@leadpane/domain";
import {
  guessMapping,
  type ImportAction,
  type ImportCounts,
  type ImportMapping,
  type OnMatch,
  type RowPlan,
  VCARD_MAPPING,
} from "@leadpane/domain/import";
import { useMemo, useRef, useState } from "preact/hooks";
import "../components/admin.css";
import "../components/import.css";
import type { Session } from "../chrome-storage.ts";
import { ImportHistory } from "../components/import-history.tsx";
import { ImportMappingTable } from "../components/import-mapping.tsx";
import { ImportPreview } from "../components/import-preview.tsx";
import { plainFailure } from "../components/plain-failure.ts";
import { commitImport } from "../import/commit-import.ts";
import { planLocally } from "../import/local-plan.ts";
import { type ParsedFile, parseFile } from "../import/parse-file.ts";
import { saveMapping, savedMapping } from "../import/saved-mappings.ts";
import { currentRole } from "../session/member-role.ts";

type Step =
  | { kind: "choose" }
  | { kind: "reading"; rows: number }
  | { kind: "map" }
  | { kind: "planning" }
  | { kind: "preview" }
  | { kind: "committing"; done: number }
  | { kind: "done"; counts: ImportCounts };

/**
 * Import (`#/import`): choose a CSV or vCard file → it is read in a worker → map its columns (guessed
 * from the headers, or the mapping saved for the same headers) → preview what each row does, with
 * the reason, and change it per row or for all matches → import through the local store in chunks
 * (synced like any change, offline too) → the import history, with Undo.
 */
export function ImportView({
  session,
  members,
  settings,
  from,
}: {
  session: Session;
  members: Map<string, Member>;
  settings: WorkspaceSettings;
  /** The list whose Import button opened the view: its way back, and what an import does there. */
  from?: "leads" | "contacts" | undefined;
}) {
  const writable = canWrite(currentRole(session, members));
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [file, setFile] = useState<{ name: string; parsed: ParsedFile } | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>([]);
  const [onMatch, setOnMatch] = useState<OnMatch>("update");
  const [plans, setPlans] = useState<RowPlan[]>([]);
  const [choices, setChoices] = useState<Record<number, ImportAction>>({});
  const [error, setError] = useState<string | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const context = () => ({
    defaultRegion: settings.defaultRegion,
    customFields: settings.customFields,
    members: [...members.values()].map((m) => ({ id: m.id, name: m.name, email: m.email })),
  });

  const choose = async (picked: File | undefined) => {
    if (!picked) return;
    setError(null);
    setStep({ kind: "reading", rows: 0 });
    try {
      const parsed = await parseFile(picked, (rows) => setStep({ kind: "reading", rows }));
      if (!parsed.rows.length) {
        setError(
          parsed.problems[0] ?? "The file has no rows to import: it needs a header row and at least one row below it.",
        );
        setStep({ kind: "choose" });
        return;
      }
      setFile({ name: picked.name, parsed });
      const saved = parsed.format === "vcard" ? VCARD_MAPPING : await savedMapping(parsed.headers);
      setMapping(saved ?? guessMapping(parsed.headers, settings.customFields));
      setStep({ kind: "map" });
    } catch (e) {
      setError(plainFailure(e, "The file could not be read"));
      setStep({ kind: "choose" });
    }
  };

  const plan = async (nextOnMatch: OnMatch) => {
    if (!file) return;
    setStep({ kind: "planning" });
    setError(null);
    try {
      if (file.parsed.format === "csv") await saveMapping(file.parsed.headers, mapping);
      setPlans(await planLocally(file.parsed.rows, mapping, context(), nextOnMatch));
      setStep({ kind: "preview" });
    } catch (e) {
      setError(plainFailure(e, "The rows could not be checked"));
      setStep({ kind: "map" });
    }
  };

  const commit = async () => {
    if (!file) return;
    setError(null);
    setStep({ kind: "committing", done: 0 });
    try {
      const { counts } = await commitImport(
        session,
        plans,
        choices,
        { name: file.name, format: file.parsed.format },
        (done) => setStep({ kind: "committing", done }),
      );
      setStep({ kind: "done", counts });
      setHistoryKey((k) => k + 1);
    } catch (e) {
      setError(plainFailure(e, "The import could not be saved"));
      setStep({ kind: "preview" });
    }
  };

  const restart = () => {
    setFile(null);
    setPlans([]);
    setChoices({});
    setStep({ kind: "choose" });
    if (input.current) input.current.value = "";
  };

  const total = file?.parsed.rows.length ?? 0;
  // The same element while only the progress line moves: the preview of thousands of rows is not
  // drawn again after each chunk of the commit.
  const preview = useMemo(
    () =>
      file && (
        <ImportPreview
          plans={plans}
          headers={file.parsed.headers}
          rows={file.parsed.rows}
          choices={choices}
          onMatch={onMatch}
          fileName={file.name}
          onChoose={(row, action) => setChoices((c) => ({ ...c, [row]: action }))}
          onMatchChange={(next) => {
            setOnMatch(next);
            setChoices({});
            void plan(next);
          }}
        />
      ),
    [file, plans, choices, onMatch, mapping, settings, members],
  );
  return (
    <section class="admin-page import-view stack" aria-labelledby="import-title">
      <h1 id="import-title">Import</h1>
      <p class="small muted">
        Bring leads in from a CSV file (any export with a header row) or vCards (.vcf). Nothing is written until you
        confirm the preview; every import can be undone from the history below.
      </p>
      {from && (
        <p class="small" data-testid="import-from">
          {from === "contacts"
            ? "From Contacts: new people come in as leads (convert one to a contact from its page); rows whose email matches an existing contact update that contact."
            : "From Leads: new people come in as leads; rows whose email matches an existing lead or contact update it."}{" "}
          <a href={`#/${from}`}>Back to {from === "contacts" ? "Contacts" : "Leads"}</a>
        </p>
      )}
      {!writable && <p class="notice">Viewers can see the import history; ask a member to import.</p>}
      {error && (
        <p class="error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      {writable && (step.kind === "choose" || step.kind === "reading") && (
        <div class="card stack">
          <label class="stack">
            <span>File to import</span>
            <input
              ref={input}
              type="file"
              accept=".csv,.tsv,.txt,.vcf,.vcard,text/csv,text/vcard"
              data-testid="import-file"
              disabled={step.kind === "reading"}
              onChange={(e) => void choose(e.currentTarget.files?.[0])}
            />
          </label>
          {step.kind === "reading" && (
            <p role="status" class="small">
              Reading the file… {step.rows.toLocaleString()} rows so far.
            </p>
          )}
        </div>
      )}
      {file && step.kind === "map" && (
        <div class="card stack">
          <h2>Map the columns of {file.name}</h2>
          <p class="small muted">
            {total.toLocaleString()} rows. Each column was matched to a field by its header; change any that are wrong.
            {file.parsed.format === "csv" ? " The mapping is remembered for files with the same columns." : ""}
          </p>
          {file.parsed.problems.length > 0 && (
            <ul class="small error">
              {file.parsed.problems.slice(0, 5).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <ImportMappingTable
            headers={file.parsed.headers}
            rows={file.parsed.rows}
            mapping={mapping}
            customFields={settings.customFields}
            onChange={setMapping}
          />
          {!mapping.some((t) => t === "name" || t === "firstName" || t === "lastName" || t === "email") && (
            <p class="error small" role="alert">
              Map a column to Name, First name, Last name or Email: every lead needs a name or an email.
            </p>
          )}
          <div class="row">
            <button
              type="button"
              class="primary"
              data-testid="import-continue"
              disabled={!mapping.some((t) => t === "name" || t === "firstName" || t === "lastName" || t === "email")}
              onClick={() => void plan(onMatch)}
            >
              Preview the import
            </button>
            <button type="button" onClick={restart}>
              Choose another file
            </button>
          </div>
        </div>
      )}
      {step.kind === "planning" && (
        <p role="status" class="small">
          Checking {total.toLocaleString()} rows against your workspace…
        </p>
      )}
      {file && (step.kind === "preview" || step.kind === "committing") && (
        <div class="card stack">
          <h2>Preview: {file.name}</h2>
          {preview}
          {step.kind === "committing" ? (
            <p role="status" class="small" data-testid="import-progress">
              Importing… {step.done.toLocaleString()} of {total.toLocaleString()} rows.
            </p>
          ) : (
            <div class="row">
              <button type="button" class="primary" data-testid="import-commit" onClick={() => void commit()}>
                Import
              </button>
              <button type="button" onClick={() => setStep({ kind: "map" })}>
                Back to the mapping
              </button>
              <button type="button" onClick={restart}>
                Cancel
              </button>
            </div>
          )}
        </div>
      )}
      {step.kind === "done" && (
        <div class="card stack" role="status" data-testid="import-done">
          <p class="success">
            Imported: {step.counts.created.toLocaleString()} created, {step.counts.updated.toLocaleString()} updated,{" "}
            {step.counts.skipped.toLocaleString()} skipped, {step.counts.failed.toLocaleString()} with errors. The
            changes sync to your team like any other; undo the import from the history below.
          </p>
          <div class="row">
            <a href="#/leads">Open the leads</a>
            <button type="button" onClick={restart}>
              Import another file
            </button>
          </div>
        </div>
      )}
      <ImportHistory session={session} writable={writable} refresh={historyKey} />
    </section>
  );
}
