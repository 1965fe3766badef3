import { canManageMembers, type Role } from "@leadpane/domain";
import { useEffect, useState } from "preact/hooks";
import { listMembers, removeMember, type MemberRow } from "../components/admin-api.ts";
import { AdminError } from "../components/admin-error.tsx";
import { ApiKeysAdmin } from "../components/api-keys-admin.tsx";
import { CalendarFeedSettings } from "../components/calendar-feed-settings.tsx";
import { describeAdminError, leaveBlocker, ROLE_LABELS, type Who } from "../components/admin-rules.ts";
import "../components/admin.css";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { DeviceList } from "../components/device-list.tsx";
import { InvitesAdmin } from "../components/invites-admin.tsx";
import { MembersAdmin } from "../components/members-admin.tsx";
import { NeverCaptureForm } from "../components/never-capture-form.tsx";
import { SyncBadge } from "../components/sync-badge.tsx";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { useSession } from "../hooks/use-session.ts";
import { useSyncState } from "../hooks/use-sync-state.ts";
import { WebhooksAdmin } from "../components/webhooks-admin.tsx";
import { WorkspaceSettingsForm } from "../components/workspace-settings-form.tsx";
import { adoptListedRole, currentRole } from "../session/member-role.ts";
import { createWorkspace, joinWithInvite, signOut, switchWorkspace } from "../session/sign-in.ts";
import { checkServer, normalizeServerUrl, type ServerCheck } from "../session/server-address.ts";
import { DEFAULT_SERVER_URL, getSavedSessions, type Session } from "../chrome-storage.ts";
import { getMeta } from "../local-db/db.ts";

/** Settings: server, sign-in (create a workspace or join with a code), members, invites, devices and leaving. */
export function SettingsView() {
  const session = useSession();
  const syncState = useSyncState();
  if (session === undefined) return <main class="app">Loading…</main>;
  return (
    <main class="app" style={{ maxWidth: "720px", margin: "0 auto" }}>
      <div class="header">
        <h1>Leadpane settings</h1>
        {session && <SyncBadge state={syncState} />}
      </div>
      {session ? <SignedIn session={session} /> : <SignIn />}
      {session && <Workspaces session={session} />}
      {session && <WorkspaceSettingsCard session={session} />}
      <NeverCaptureForm />
    </main>
  );
}

/** Other workspaces signed in to on this browser, to switch to; and a way to add one. */
function Workspaces({ session }: { session: Session }) {
  const [saved, setSaved] = useState<Session[]>([]);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void getSavedSessions().then(setSaved), [session.workspace.id, session.member.id]);
  const others = saved.filter((s) => !(s.workspace.id === session.workspace.id && s.member.id === session.member.id));
  return (
    <section class="card stack" aria-labelledby="workspaces-title">
      <h2 id="workspaces-title">Workspaces</h2>
      {others.length === 0 && <p class="muted small">Only {session.workspace.name} on this browser.</p>}
      <ul class="stack" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {others.map((s) => (
          <li key={`${s.workspace.id}:${s.member.id}`} class="row">
            <strong>{s.workspace.name}</strong>
            <span class="muted small">
              as {s.member.name} · {s.serverUrl}
            </span>
            <button
              type="button"
              onClick={async () => {
                setError(null);
                try {
                  await switchWorkspace(s);
                } catch (e) {
                  setError((e as Error).message);
                }
              }}
            >
              Switch to {s.workspace.name}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {adding ? (
        <SignIn />
      ) : (
        <div>
          <button type="button" onClick={() => setAdding(true)}>
            Add another workspace
          </button>
        </div>
      )}
    </section>
  );
}

/** The synced workspace settings, editable by owners and admins. */
function WorkspaceSettingsCard({ session }: { session: Session }) {
  const settings = useLiveQuery(() => getMeta("settings", null), [], null);
  if (!settings) return <section class="card muted small">Workspace settings appear after the first sync.</section>;
  return <WorkspaceSettingsForm session={session} settings={settings} />;
}

function SignIn() {
  const [serverUrl, setServerUrl] = useState(DEFAULT_SERVER_URL);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState(false);
  const [check, setCheck] = useState<ServerCheck | null>(null);
  // An address typed without http:// works (the scheme is added): show the address actually used.
  const fixUp = () => {
    const address = normalizeServerUrl(serverUrl);
    if (address.ok && address.addedScheme) setServerUrl(address.url);
  };
  const testConnection = async () => {
    if (testing) return;
    setTesting(true);
    setCheck(null);
    // The last sign-in's failure said what was wrong with the address; this check replaces it.
    setError(null);
    fixUp();
    try {
      setCheck(await checkServer(serverUrl));
    } finally {
      setTesting(false);
    }
  };
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    setCheck(null);
    fixUp();
    try {
      await action();
    } catch (e) {
      setError((e as Error).message || "Could not reach the server");
    } finally {
      setBusy(false);
    }
  };
  const field = (form: HTMLFormElement, name: string) =>
    (form.elements.namedItem(name) as HTMLInputElement).value.trim();
  return (
    <section class="stack">
      <label for="server-url">Server URL</label>
      <div class="row server-url">
        <input
          id="server-url"
          class="server-url-input"
          name="serverUrl"
          value={serverUrl}
          inputMode="url"
          spellcheck={false}
          aria-describedby="server-url-check"
          onInput={(e) => {
            setServerUrl(e.currentTarget.value);
            setCheck(null);
          }}
          onBlur={fixUp}
        />
        <button type="button" aria-disabled={testing} onClick={() => void testConnection()}>
          {testing ? "Testing…" : "Test connection"}
        </button>
      </div>
      <p
        id="server-url-check"
        class={`small ${check ? (check.ok ? "success" : "error") : "muted"}`}
        role="status"
        data-testid="server-check"
      >
        {check?.message ?? `The address npm start printed, like ${DEFAULT_SERVER_URL}`}
      </p>
      {error && (
        <p class="error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <div class="fields" style={{ gridTemplateColumns: "1fr 1fr", gap: "12px" }}>
        <form
          class="card stack"
          aria-label="Join with an invite code"
          onSubmit={(e) => {
            e.preventDefault();
            const f = e.currentTarget;
            void run(() =>
              joinWithInvite(serverUrl, { code: field(f, "code"), name: field(f, "name"), email: field(f, "email") }),
            );
          }}
        >
          <h2>Join your team</h2>
          <label>
            Invite code
            <input name="code" required autocomplete="off" placeholder="ABCD-EFGH-JKLM" />
          </label>
          <label>
            Your name
            <input name="name" required />
          </label>
          <label>
            Work email
            <input name="email" type="email" required />
          </label>
          <button type="submit" class="primary" disabled={busy}>
            Join workspace
          </button>
        </form>
        <form
          class="card stack"
          aria-label="Create a workspace"
          onSubmit={(e) => {
            e.preventDefault();
            const f = e.currentTarget;
            void run(() =>
              createWorkspace(serverUrl, {
                workspaceName: field(f, "workspaceName"),
                name: field(f, "name"),
                email: field(f, "email"),
                setupToken: field(f, "setupToken") || undefined,
              }),
            );
          }}
        >
          <h2>Create a workspace</h2>
          <label>
            Workspace name
            <input name="workspaceName" required />
          </label>
          <label>
            Your name
            <input name="name" required />
          </label>
          <label>
            Work email
            <input name="email" type="email" required />
          </label>
          <label>
            Setup token (only if the server's sign-up is closed)
            <input name="setupToken" autocomplete="off" />
          </label>
          <button type="submit" class="primary" disabled={busy}>
            Create workspace
          </button>
        </form>
      </div>
    </section>
  );
}

function SignedIn({ session }: { session: Session }) {
  const [members, setMembers] = useState<MemberRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () =>
    listMembers(session)
      .then((items) => {
        setMembers(items);
        setError(null);
      })
      .catch(setError);
  useEffect(() => void reload(), [session.token]);
  const actor: Who = { id: session.member.id, role: currentRole(session, members ?? []) };
  useEffect(() => {
    if (members) void adoptListedRole(session, members);
  }, [actor.role, session.member.role]);
  const manager = canManageMembers(actor.role);
  return (
    <section class="stack">
      <div class="card stack" data-testid="signed-in">
        <h2>{session.workspace.name}</h2>
        <div>
          Signed in as <strong>{session.member.name}</strong> ({session.member.email}) ·{" "}
          <span class="pill">{ROLE_LABELS[actor.role]}</span>
        </div>
        <div class="muted small">Server: {session.serverUrl}</div>
        <div>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </div>
      {describeAdminError(error).signedOut ? (
        // Revoked or removed: nothing below would work; one clear way out instead of an error per card.
        <AdminError error={error} />
      ) : (
        <>
          <MembersAdmin session={session} actor={actor} members={members} error={error} reload={reload} />
          {manager && <InvitesAdmin session={session} />}
          {manager && <WebhooksAdmin session={session} members={members} />}
          {manager && <ApiKeysAdmin session={session} />}
          <CalendarFeedSettings session={session} />
          <section class="card stack" aria-labelledby="devices-title">
            <h2 id="devices-title">Your devices</h2>
            <p class="muted small">
              Every browser you signed in with. Revoke one you no longer use or lost: it is signed out at its next sync.
            </p>
            <DeviceList session={session} actor={actor} />
          </section>
          <LeaveWorkspace session={session} role={actor.role} />
        </>
      )}
    </section>
  );
}

/** Leaving the workspace: the membership ends on the server, then this browser signs out. */
function LeaveWorkspace({ session, role }: { session: Session; role: Role }) {
  const [confirming, setConfirming] = useState(false);
  const blocker = leaveBlocker(role);
  return (
    <section class="card stack" aria-labelledby="leave-title">
      <h2 id="leave-title">Leave workspace</h2>
      <p class="muted small" id="leave-help">
        {blocker ??
          `You lose access to ${session.workspace.name} on every device. The records you created stay with the team.`}
      </p>
      <div>
        <button
          type="button"
          class="danger-outline"
          disabled={Boolean(blocker)}
          aria-describedby="leave-help"
          onClick={() => setConfirming(true)}
        >
          Leave workspace
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Leave ${session.workspace.name}?`}
          confirmLabel="Leave workspace"
          danger
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await removeMember(session, session.member.id);
            await signOut();
          }}
        >
          <p>To come back you need a new invite code from an owner or admin. Changes not synced yet are lost.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
