import { useEffect, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import { createInvite, listInvites, revokeInvite, type CreatedInvite, type InviteRow } from "./admin-api.ts";
import { AdminError } from "./admin-error.tsx";
import { ASSIGNABLE_ROLES, ROLE_LABELS, type AssignableRole } from "./admin-rules.ts";
import { formatDay, formatWhen } from "./format.ts";

/**
 * Invites (owners and admins): create a single-use code with a role, optionally only for one email
 * address, shown this once; see the codes still waiting to be used and revoke them.
 */
export function InvitesAdmin({ session }: { session: Session }) {
  const [invites, setInvites] = useState<InviteRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<CreatedInvite | null>(null);
  const [role, setRole] = useState<AssignableRole>("member");
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const load = () =>
    listInvites(session)
      .then((items) => {
        setInvites(items);
        setError(null);
      })
      .catch(setError);
  useEffect(() => void load(), [session.token]);

  const create = async () => {
    setBusy(true);
    setError(null);
    setStatus("");
    try {
      const trimmed = email.trim();
      setCreated(await createInvite(session, { role, ...(trimmed ? { email: trimmed } : {}) }));
      setEmail("");
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card stack" aria-labelledby="invites-title" data-testid="invites">
      <h2 id="invites-title">Invites</h2>
      <form
        class="admin-row"
        aria-label="Create an invite"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
        style={{ alignItems: "flex-end" }}
      >
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as AssignableRole)}>
            {ASSIGNABLE_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label class="grow">
          Only for this email (optional)
          <input
            type="email"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            placeholder="name@company.com"
            style={{ width: "100%" }}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          Create invite code
        </button>
      </form>
      {created && (
        <div class="notice stack" data-testid="invite-code">
          <div>
            Invite code: <strong class="code">{created.code}</strong>{" "}
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(created.code).then(
                  () => setStatus("Copied."),
                  () => setStatus("Copy it by hand."),
                )
              }
            >
              Copy
            </button>
          </div>
          <span class="muted small">
            {ROLE_LABELS[created.role]}
            {created.email ? `, only for ${created.email}` : ""} · single use, expires {formatDay(created.expiresAt)}.
            It is shown only now: send it to your teammate, who enters it under “Join your team” in Leadpane's settings.
          </span>
        </div>
      )}
      <p class="success small live" role="status">
        {status}
      </p>
      <AdminError error={error} />
      <h3>Waiting to be used</h3>
      {invites === null && !error && (
        <p class="muted small" aria-busy="true">
          Loading invites…
        </p>
      )}
      {invites?.length === 0 && <p class="muted small">No pending invites.</p>}
      {invites && invites.length > 0 && (
        <ul class="admin-list" aria-label="Pending invites">
          {invites.map((inv) => (
            <li key={inv.id} data-testid="invite-row">
              <div class="admin-row">
                <div class="grow">
                  <span class="pill">{ROLE_LABELS[inv.role]}</span>{" "}
                  {inv.email ? <span>for {inv.email}</span> : <span class="muted">anyone with the code</span>}
                  <div class="muted small">
                    Created {formatWhen(inv.createdAt)} · expires {formatWhen(inv.expiresAt)}
                  </div>
                </div>
                <button
                  type="button"
                  class="danger-outline"
                  aria-label={`Revoke invite ${inviteName(inv)}`}
                  onClick={async () => {
                    setError(null);
                    try {
                      await revokeInvite(session, inv.id);
                      setStatus("Invite revoked: its code no longer works.");
                      if (created?.id === inv.id) setCreated(null);
                    } catch (e) {
                      setError(e);
                    }
                    await load();
                  }}
                >
                  Revoke
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** An invite as the revoke button names it: for its address, or by role and age when it has none. */
function inviteName(inv: InviteRow): string {
  return inv.email ? `for ${inv.email}` : `(${ROLE_LABELS[inv.role]}, created ${formatWhen(inv.createdAt)})`;
}
