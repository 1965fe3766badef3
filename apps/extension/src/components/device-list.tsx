import { useEffect, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import { listTokens, revokeToken, type TokenRow } from "./admin-api.ts";
import { AdminError } from "./admin-error.tsx";
import { canRevokeToken, deviceLabel, type Who } from "./admin-rules.ts";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { formatWhen } from "./format.ts";

/**
 * A member's signed-in devices (their API tokens): label, when added, when last used, which one is
 * this browser; revoking one signs that browser out at its next request. Without `member`, one's own.
 */
export function DeviceList({
  session,
  actor,
  member,
}: {
  session: Session;
  actor: Who;
  member?: { id: string; name: string };
}) {
  const memberId = member?.id ?? session.member.id;
  const [tokens, setTokens] = useState<TokenRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [revoking, setRevoking] = useState<TokenRow | null>(null);
  const [status, setStatus] = useState("");
  const load = () =>
    listTokens(session, memberId)
      .then((items) => {
        setTokens(items);
        setError(null);
      })
      .catch(setError);
  useEffect(() => void load(), [memberId, session.token]);
  const whose = member ? `${member.name}'s devices` : "your devices";
  return (
    <div class="stack" data-testid={member ? `devices-of-${member.id}` : "your-devices"}>
      {tokens === null && !error && (
        <p class="muted small" aria-busy="true">
          Loading {whose}…
        </p>
      )}
      {tokens?.length === 0 && <p class="muted small">No signed-in devices.</p>}
      {tokens && tokens.length > 0 && (
        <ul class="admin-list" aria-label={member ? `Devices of ${member.name}` : "Your devices"}>
          {/* This browser first: it is the one people look for. */}
          {[...tokens]
            .sort((a, b) => Number(b.current) - Number(a.current))
            .map((t) => (
              <li key={t.id} data-testid="device-row">
                <div class="admin-row">
                  <div class="grow">
                    <strong>{deviceLabel(t.label)}</strong> {t.current && <span class="pill">This browser</span>}
                    <div class="muted small">
                      Added {formatWhen(t.createdAt)} ·{" "}
                      {t.lastUsedAt ? `last used ${formatWhen(t.lastUsedAt)}` : "never used"}
                    </div>
                  </div>
                  {canRevokeToken(actor, t) && (
                    <button
                      type="button"
                      class="danger-outline"
                      aria-label={`Revoke ${deviceLabel(t.label)} (added ${formatWhen(t.createdAt)})`}
                      onClick={() => setRevoking(t)}
                    >
                      Revoke
                    </button>
                  )}
                </div>
              </li>
            ))}
        </ul>
      )}
      <p class="success small live" role="status">
        {status}
      </p>
      <AdminError error={error} />
      {revoking && (
        <ConfirmDialog
          title="Revoke this device?"
          confirmLabel="Revoke device"
          danger
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            await revokeToken(session, revoking.id);
            setStatus(`Revoked ${deviceLabel(revoking.label)}: that browser is signed out at its next sync.`);
            await load();
          }}
        >
          <p>
            “{deviceLabel(revoking.label)}”{member ? ` of ${member.name}` : ""}, last used{" "}
            {revoking.lastUsedAt ? formatWhen(revoking.lastUsedAt) : "never"}, is signed out at its next request.
            Changes it has not synced yet stay on that browser.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
