import { canManageMembers, RECORD_PATHS, type Member, type RecordType } from "@leadpane/domain";
import { useState } from "preact/hooks";
import { exportWorkspace } from "../components/admin-api.ts";
import { AdminError } from "../components/admin-error.tsx";
import { downloadName, ROLE_LABELS } from "../components/admin-rules.ts";
import { currentRole } from "../session/member-role.ts";
import "../components/admin.css";
import { saveBlob } from "../components/download.ts";
import { PrivacyActions } from "../components/privacy-actions.tsx";
import type { Session } from "../chrome-storage.ts";

const EXPORT_TYPES: Array<{ type: RecordType; label: string }> = [
  { type: "lead", label: "Leads" },
  { type: "contact", label: "Contacts" },
  { type: "company", label: "Companies" },
  { type: "deal", label: "Deals" },
  { type: "activity", label: "Activities" },
  { type: "task", label: "Tasks" },
];

/**
 * Privacy and export: a person's data by email address (export or erase; owners and admins), and
 * the whole workspace as JSON or one record type as CSV (the owner).
 */
export function PrivacyView({ session, members }: { session: Session; members: Map<string, Member> }) {
  const role = currentRole(session, members);
  return (
    <section class="admin-page" aria-labelledby="privacy-title">
      <h1 id="privacy-title">Privacy and export</h1>
      {canManageMembers(role) ? (
        <PersonRequest session={session} />
      ) : (
        <p class="card empty" role="status" data-testid="privacy-unavailable">
          Exporting or erasing a person's data is open to owners and admins only. You are{" "}
          {ROLE_LABELS[role].toLowerCase()} in {session.workspace.name}.
        </p>
      )}
      {role === "owner" ? (
        <WorkspaceExport session={session} />
      ) : (
        <p class="card muted small" role="status">
          Only the workspace owner can export the whole workspace.
        </p>
      )}
    </section>
  );
}

function PersonRequest({ session }: { session: Session }) {
  const [draft, setDraft] = useState("");
  const [email, setEmail] = useState<string | null>(null);
  return (
    <section class="card stack" aria-labelledby="person-title">
      <h2 id="person-title">A person's data</h2>
      <p class="muted small">
        For a data-subject request: everything the workspace holds about someone, found by their email address (leads,
        contacts, and what is about them).
      </p>
      <form
        class="admin-row"
        aria-label="Find a person by email"
        style={{ alignItems: "flex-end" }}
        onSubmit={(e) => {
          e.preventDefault();
          setEmail(draft.trim().toLowerCase() || null);
        }}
      >
        <label class="grow">
          Their email address
          <input
            type="email"
            required
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            style={{ width: "100%" }}
          />
        </label>
        <button type="submit" class="primary">
          Continue
        </button>
      </form>
      {email && <PrivacyActions key={email} session={session} person={{ email }} who={email} confirmText={email} />}
    </section>
  );
}

function WorkspaceExport({ session }: { session: Session }) {
  const [type, setType] = useState<RecordType>("lead");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState("");
  const run = async (format: "json" | "csv", only?: RecordType) => {
    setBusy(true);
    setError(null);
    try {
      const blob = await exportWorkspace(session, format, only);
      const name = downloadName(only ? RECORD_PATHS[only] : "workspace", format);
      saveBlob(blob, name);
      setStatus(`Downloaded ${name}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card stack" aria-labelledby="export-title" data-testid="workspace-export">
      <h2 id="export-title">Export the workspace</h2>
      <p class="muted small">
        Everything the server holds for {session.workspace.name}, except deleted records. Exports are recorded in the
        audit log.
      </p>
      <div class="admin-row" style={{ alignItems: "flex-end" }}>
        <button type="button" disabled={busy} onClick={() => void run("json")}>
          Download everything (JSON)
        </button>
        <label>
          Record type
          <select value={type} onChange={(e) => setType(e.currentTarget.value as RecordType)}>
            {EXPORT_TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={() => void run("csv", type)}>
          Download as CSV
        </button>
      </div>
      <p class="success small live" role="status">
        {busy ? "Preparing the download…" : status}
      </p>
      <AdminError error={error} />
    </section>
  );
}
