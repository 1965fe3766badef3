import { newId, type Member, type Workspace } from "@leadpane/domain";
import { apiFor, readJson } from "../api.ts";
import { askWorker, MESSAGES } from "../messaging.ts";
import { setSession, type Session } from "../storage.ts";
import { db } from "../store/db.ts";

interface Joined {
  workspace: Workspace;
  member: Member;
  token: string;
}

/** Creates a new workspace on the server and signs in as its owner. */
export async function createWorkspace(serverUrl: string, input: { workspaceName: string; name: string; email: string; setupToken?: string }): Promise<Session> {
  const response = await apiFor(serverUrl).v1.workspaces.$post({
    json: { name: input.workspaceName, owner: { name: input.name, email: input.email }, ...(input.setupToken ? { setupToken: input.setupToken } : {}) },
  });
  return start(serverUrl, await readJson<Joined>(response as unknown as Response));
}

/** Joins a teammate's workspace with an invite code. */
export async function joinWithInvite(serverUrl: string, input: { code: string; name: string; email: string }): Promise<Session> {
  const response = await apiFor(serverUrl).v1.invites.accept.$post({ json: input });
  return start(serverUrl, await readJson<Joined>(response as unknown as Response));
}

/** Signs out: forgets the token and this browser's copy of the workspace. */
export async function signOut(): Promise<void> {
  await setSession(null);
  await clearLocalData();
}

async function start(serverUrl: string, joined: Joined): Promise<Session> {
  // A new sign-in is a new sync client: its own mutation ids, its own copy of the workspace.
  await clearLocalData();
  const session: Session = { serverUrl: serverUrl.replace(/\/+$/, ""), token: joined.token, workspace: joined.workspace, member: joined.member, clientId: newId() };
  await setSession(session);
  await askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
  return session;
}

async function clearLocalData(): Promise<void> {
  await db.transaction("rw", [db.records, db.base, db.outbox, db.meta], async () => {
    await Promise.all([db.records.clear(), db.base.clear(), db.outbox.clear(), db.meta.clear()]);
  });
}
