import { deviceName, JoinedSchema, newId, regionOfLocale, WorkspaceSettingsSchema } from "@leadpane/domain";
import { ApiRequestError, apiFor, apiForSession, FOREIGN_ERROR_CODE, readJson } from "../api.ts";
import { askWorker, MESSAGES } from "../messaging.ts";
import { forgetSession, getSession, rememberSession, setSession, type Session } from "../chrome-storage.ts";
import { db } from "../local-db/db.ts";
import { pendingCount } from "../local-db/pending-rows.ts";
import { checkServer, normalizeServerUrl } from "./server-address.ts";

/** Creates a new workspace on the server and signs in as its owner. */
export async function createWorkspace(
  serverUrl: string,
  input: { workspaceName: string; name: string; email: string; setupToken?: string },
): Promise<Session> {
  return atServer(serverUrl, async (url) => {
    const answer = apiFor(url).v1.workspaces.$post({
      json: {
        name: input.workspaceName,
        owner: { name: input.name, email: input.email },
        device: thisDevice(),
        ...(input.setupToken ? { setupToken: input.setupToken } : {}),
      },
    });
    const session = await start(url, await readJson(answer));
    await adoptLocaleRegion(session);
    return session;
  });
}

/**
 * A new workspace reads and shows phones in its creator's country (from the browser's locale)
 * rather than the server's default, until someone changes the setting. Best effort: the setting
 * stays the default when the call fails.
 */
async function adoptLocaleRegion(session: Session): Promise<void> {
  const region = regionOfLocale(globalThis.navigator?.language);
  if (!region || region === WorkspaceSettingsSchema.parse({}).defaultRegion) return;
  await readJson(apiForSession(session).v1.workspace.settings.$patch({ json: { defaultRegion: region } })).catch(
    () => undefined,
  );
}

/** Joins a teammate's workspace with an invite code. */
export async function joinWithInvite(
  serverUrl: string,
  input: { code: string; name: string; email: string },
): Promise<Session> {
  return atServer(serverUrl, async (url) =>
    start(url, await readJson(apiFor(url).v1.invites.accept.$post({ json: { ...input, device: thisDevice() } }))),
  );
}

/** User-Agent Client Hints, where the browser has them (Chromium); not yet in TypeScript's DOM types. */
interface ClientHints {
  userAgent: string;
  userAgentData?: { brands: ReadonlyArray<{ brand: string }>; platform: string };
}

/** This browser's device name as every sign-in path gives it ("Chrome on Linux"). */
function thisDevice(): string {
  const hints: ClientHints = navigator;
  return deviceName({
    userAgent: hints.userAgent,
    brands: hints.userAgentData?.brands,
    platform: hints.userAgentData?.platform,
  });
}

/**
 * Runs a sign-in against the typed server address (its scheme added if missing). A failure that is
 * not the Leadpane server's own answer (fetch's bare "Failed to fetch", a web page where JSON was
 * expected) becomes what is wrong with the address: nothing answers, unknown name, not Leadpane.
 */
async function atServer(typed: string, signIn: (url: string) => Promise<Session>): Promise<Session> {
  const address = normalizeServerUrl(typed);
  if (!address.ok) throw new Error(address.message);
  try {
    return await signIn(address.url);
  } catch (error) {
    if (error instanceof ApiRequestError && error.code !== FOREIGN_ERROR_CODE) throw error;
    const check = await checkServer(address.url);
    throw new Error(check.ok ? "The server answered in a way Leadpane does not understand: try again" : check.message);
  }
}

/** Signs out: forgets the token and this browser's copy of the workspace. */
export async function signOut(): Promise<void> {
  const current = await getSession();
  if (current) await forgetSession(current.workspace.id, current.member.id);
  await setSession(null);
  await clearLocalData();
}

async function start(serverUrl: string, answer: unknown): Promise<Session> {
  // Whatever answered must have answered a sign-in: a web page or another API at that address is
  // diagnosed by atServer, never stored as a session.
  const checked = JoinedSchema.safeParse(answer);
  if (!checked.success) throw new Error("The answer is not a Leadpane sign-in");
  const joined = checked.data;
  // A new sign-in is a new sync client: its own mutation ids, its own copy of the workspace.
  await clearLocalData();
  const session: Session = {
    serverUrl: serverUrl.replace(/\/+$/, ""),
    token: joined.token,
    workspace: joined.workspace,
    member: joined.member,
    clientId: newId(),
  };
  await setSession(session);
  await rememberSession(session);
  await askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
  return session;
}

/** Why switching workspaces must wait, or null: changes not yet on the server would be lost. */
async function switchBlocker(): Promise<string | null> {
  const pending = await pendingCount(db.outbox);
  return pending
    ? `${pending} change${pending === 1 ? " is" : "s are"} not synced yet: go online and let them sync first.`
    : null;
}

/**
 * Switches to another saved workspace: this browser's copy of the current one is dropped (it is
 * all on the server; switching is refused while changes are pending) and the other is pulled
 * fresh, as a new sync client.
 */
export async function switchWorkspace(target: Session): Promise<void> {
  const blocker = await switchBlocker();
  if (blocker) throw new Error(blocker);
  const current = await getSession();
  if (current) await rememberSession(current);
  await clearLocalData();
  await setSession({ ...target, clientId: newId() });
  await askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
}

async function clearLocalData(): Promise<void> {
  const tables = [db.records, db.snapshot, db.snapshotIndex, db.base, db.outbox, db.sent, db.meta];
  await db.transaction("rw", tables, async () => {
    await Promise.all(tables.map((table) => table.clear()));
  });
}
