import { useEffect, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import { type ApiKeyRow, type CreatedApiKey, createApiKey, listApiKeys, revokeApiKey } from "./admin-api.ts";
import { AdminError } from "./admin-error.tsx";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { CopyButton } from "./copy-button.tsx";
import { formatWhen } from "./format.ts";

/** What each scope lets a program do, in the words the form shows. */
const SCOPE_LABELS: Record<ApiKeyRow["scope"], string> = {
  read: "Read only",
  write: "Read and write records",
};

/**
 * API keys (owners and admins): named keys for integrations and scripts, read-only or read-write,
 * each shown once at creation; listed with who made them and their last use; revoked with a confirmation.
 */
export function ApiKeysAdmin({ session }: { session: Session }) {
  const [keys, setKeys] = useState<ApiKeyRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [name, setName] = useState("");
  const [nameProblem, setNameProblem] = useState("");
  const [scope, setScope] = useState<ApiKeyRow["scope"]>("read");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  const load = () =>
    listApiKeys(session)
      .then((items) => {
        setKeys(items);
        setError(null);
      })
      .catch(setError);
  useEffect(() => void load(), [session.token]);

  const create = async () => {
    if (!name.trim()) {
      setNameProblem("Give the key a name, such as the tool that will use it.");
      return;
    }
    setBusy(true);
    setError(null);
    setStatus("");
    try {
      setCreated(await createApiKey(session, { name: name.trim(), scope }));
      setName("");
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card stack" aria-labelledby="api-keys-title" data-testid="api-keys">
      <h2 id="api-keys-title">API keys</h2>
      <p class="muted small">
        For integrations and scripts: send a key as <code>Authorization: Bearer &lt;key&gt;</code>. A key acts for you,
        read-only or reading and writing records; it cannot manage members, devices or keys.
      </p>
      <form
        class="admin-row"
        aria-label="Create an API key"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
        style={{ alignItems: "flex-end", flexWrap: "wrap" }}
      >
        <label class="grow">
          Name
          <input
            value={name}
            maxLength={100}
            onInput={(e) => {
              setName(e.currentTarget.value);
              setNameProblem("");
            }}
            placeholder="Zapier, nightly export…"
            aria-invalid={nameProblem ? "true" : undefined}
            aria-describedby={nameProblem ? "api-key-name-problem" : undefined}
            style={{ width: "100%" }}
          />
          {nameProblem && (
            <span id="api-key-name-problem" class="error small" role="alert">
              {nameProblem}
            </span>
          )}
        </label>
        <label>
          Access
          <select value={scope} onChange={(e) => setScope(e.currentTarget.value as ApiKeyRow["scope"])}>
            {(Object.keys(SCOPE_LABELS) as Array<ApiKeyRow["scope"]>).map((s) => (
              <option key={s} value={s}>
                {SCOPE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary" disabled={busy}>
          Create API key
        </button>
      </form>
      {created && (
        <div class="notice stack" data-testid="api-key-created">
          <div>
            <strong>{created.name}</strong> ({SCOPE_LABELS[created.scope]}):
          </div>
          <div class="admin-row">
            <code class="code secret grow" data-testid="api-key-secret">
              {created.key}
            </code>
            <CopyButton text={created.key} label={`Copy the key ${created.name}`} onStatus={setStatus} />
          </div>
          <span class="muted small">
            Shown only now: store it where the integration keeps its secrets. Lost it? Revoke it and create another.
          </span>
        </div>
      )}
      <p class="success small live" role="status">
        {status}
      </p>
      <AdminError error={error} />
      {keys === null && !error && (
        <p class="muted small" aria-busy="true">
          Loading API keys…
        </p>
      )}
      {keys?.length === 0 && <p class="muted small">No API keys yet.</p>}
      {keys && keys.length > 0 && (
        <ul class="admin-list" aria-label="API keys">
          {keys.map((k) => (
            <li key={k.id} data-testid="api-key-row">
              <div class="admin-row">
                <div class="grow">
                  <strong>{k.name}</strong> <span class="pill">{SCOPE_LABELS[k.scope]}</span>
                  <div class="muted small">
                    Created by {k.createdBy.name} {formatWhen(k.createdAt)} ·{" "}
                    {k.lastUsedAt ? `last used ${formatWhen(k.lastUsedAt)}` : "never used"}
                  </div>
                </div>
                <button
                  type="button"
                  class="danger-outline"
                  aria-label={`Revoke the API key ${k.name}`}
                  onClick={() => setRevoking(k)}
                >
                  Revoke
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog
          title="Revoke this API key?"
          confirmLabel="Revoke key"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await revokeApiKey(session, revoking.id);
            setStatus(`Revoked ${revoking.name}: programs using it are refused from now on.`);
            if (created?.id === revoking.id) setCreated(null);
            await load();
          }}
        >
          <p>
            “{revoking.name}” ({SCOPE_LABELS[revoking.scope]}), last used{" "}
            {revoking.lastUsedAt ? formatWhen(revoking.lastUsedAt) : "never"}, stops working at once. Integrations using
            it will need a new key.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
