import { canManageMembers } from "@leadpane/domain";
import { useState } from "preact/hooks";
import { askWorker, MESSAGES } from "../messaging.ts";
import type { Session } from "../chrome-storage.ts";
import { changeRole, removeMember, transferOwnership, type MemberRow } from "./admin-api.ts";
import { AdminError } from "./admin-error.tsx";
import {
  ASSIGNABLE_ROLES,
  canChangeRole,
  canRemove,
  canTransferTo,
  ROLE_LABELS,
  type AssignableRole,
  type Who,
} from "./admin-rules.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { DeviceList } from "./device-list.tsx";

type Pending = { kind: "remove" | "transfer"; member: MemberRow };

/** Asks the worker to pull now, so every open page sees the new roles in the synced member list. */
const refreshSynced = () => void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);

/**
 * The members card: everyone sees who is in the workspace; owners and admins change roles, remove
 * members and see (and revoke) each member's devices; the owner hands ownership over.
 */
export function MembersAdmin({
  session,
  actor,
  members,
  error,
  reload,
}: {
  session: Session;
  actor: Who;
  members: MemberRow[] | null;
  error: unknown;
  reload: () => Promise<void>;
}) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [devicesOf, setDevicesOf] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const [actionError, setActionError] = useState<unknown>(null);
  const manager = canManageMembers(actor.role);

  const setRole = async (member: MemberRow, role: AssignableRole) => {
    setActionError(null);
    setStatus("");
    try {
      await changeRole(session, member.id, role);
      setStatus(`${member.name} is now ${ROLE_LABELS[role].toLowerCase()}.`);
      refreshSynced();
    } catch (e) {
      setActionError(e);
    }
    await reload();
  };

  return (
    <section class="card stack" aria-labelledby="members-title" data-testid="members">
      <h2 id="members-title">Members</h2>
      {members === null && !error && (
        <p class="muted small" aria-busy="true">
          Loading members…
        </p>
      )}
      <AdminError error={error} />
      {members && (
        <ul class="admin-list" aria-label="Members">
          {members.map((m) => {
            const you = m.id === actor.id;
            return (
              <li key={m.id} data-testid="member-row" data-member={m.email}>
                <div class="admin-row">
                  <div class="grow">
                    <strong>{m.name}</strong>
                    {you && <span class="muted"> (you)</span>} <span class="muted small">{m.email}</span>
                  </div>
                  {canChangeRole(actor, m) ? (
                    <select
                      aria-label={`Role of ${m.name}`}
                      value={m.role}
                      onChange={(e) => void setRole(m, e.currentTarget.value as AssignableRole)}
                    >
                      {ASSIGNABLE_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span class="pill">{ROLE_LABELS[m.role]}</span>
                  )}
                  {manager && !you && (
                    <button
                      type="button"
                      aria-expanded={devicesOf === m.id}
                      aria-controls={`devices-${m.id}`}
                      aria-label={`Devices of ${m.name}`}
                      onClick={() => setDevicesOf(devicesOf === m.id ? null : m.id)}
                    >
                      Devices
                    </button>
                  )}
                  {canTransferTo(actor, m) && (
                    <button
                      type="button"
                      aria-label={`Make owner: ${m.name}`}
                      onClick={() => setPending({ kind: "transfer", member: m })}
                    >
                      Make owner
                    </button>
                  )}
                  {canRemove(actor, m) && (
                    <button
                      type="button"
                      class="danger-outline"
                      aria-label={`Remove ${m.name}`}
                      onClick={() => setPending({ kind: "remove", member: m })}
                    >
                      Remove
                    </button>
                  )}
                </div>
                {devicesOf === m.id && (
                  <div id={`devices-${m.id}`} class="nested">
                    <DeviceList session={session} actor={actor} member={{ id: m.id, name: m.name }} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p class="success small live" role="status">
        {status}
      </p>
      <AdminError error={actionError} />
      {pending?.kind === "remove" && (
        <ConfirmDialog
          title={`Remove ${pending.member.name}?`}
          confirmLabel="Remove member"
          danger
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await removeMember(session, pending.member.id);
            setStatus(`${pending.member.name} was removed; their devices are signed out.`);
            refreshSynced();
            await reload();
          }}
        >
          <p>
            {pending.member.name} ({pending.member.email}) loses access at once and every device they signed in with is
            signed out. The records they created stay.
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === "transfer" && (
        <ConfirmDialog
          title={`Make ${pending.member.name} the owner?`}
          confirmLabel="Transfer ownership"
          danger
          onClose={() => setPending(null)}
          onConfirm={async () => {
            await transferOwnership(session, pending.member.id);
            setStatus(`${pending.member.name} now owns the workspace; you are an admin.`);
            refreshSynced();
            await reload();
          }}
        >
          <p>
            A workspace has one owner. {pending.member.name} becomes it and you become an admin: you can no longer
            export the whole workspace, transfer ownership or revoke the owner's devices, and only the new owner can
            give ownership back.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
