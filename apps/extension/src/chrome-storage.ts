import type { Member, Workspace } from "@leadpane/domain";

// What this browser keeps in chrome.storage.local: who is signed in, saved sessions and views,
// blocked sites. Small values every context reads; the workspace's records live in IndexedDB
// (`local-db/`).

/**
 * Where the API lives when nobody said otherwise: what `npm start` serves. It passes the address its
 * server listens on into the build (`WXT_LEADPANE_SERVER_URL`), so a `PORT=9000 npm start` extension
 * offers port 9000; other builds fall back to the documented default.
 */
export const DEFAULT_SERVER_URL: string = import.meta.env.WXT_LEADPANE_SERVER_URL || "http://127.0.0.1:8787";

/** chrome.storage.local keys, in one place. */
export const STORAGE_KEYS = {
  session: "leadpane.session",
  blockedSites: "leadpane.blockedSites",
  /** Every workspace this browser signed in to, for switching without a new invite. */
  savedSessions: "leadpane.savedSessions",
  /** The dashboard's saved views (segments). */
  savedViews: "leadpane.savedViews",
  /** Ids of tasks whose due reminder was already shown. */
  notifiedTasks: "leadpane.notifiedTasks",
  /** Import column mappings, per set of headers (import/saved-mappings.ts). */
  importMappings: "leadpane.importMappings",
} as const;

/** Who this browser is signed in as. The token never leaves chrome.storage.local and the API. */
export interface Session {
  serverUrl: string;
  token: string;
  workspace: Workspace;
  member: Member;
  /** This browser's sync client id: new at every sign-in, so mutation ids start fresh. */
  clientId: string;
}

/** The current session, or null when signed out. */
export async function getSession(): Promise<Session | null> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.session);
  return (stored[STORAGE_KEYS.session] as Session | undefined) ?? null;
}

/** Saves (or clears, with null) the session. */
export async function setSession(session: Session | null): Promise<void> {
  if (session) await browser.storage.local.set({ [STORAGE_KEYS.session]: session });
  else await browser.storage.local.remove(STORAGE_KEYS.session);
}

/** Hosts (registrable domains or hostnames) where capture never runs. */
export async function getBlockedSites(): Promise<string[]> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.blockedSites);
  return (stored[STORAGE_KEYS.blockedSites] as string[] | undefined) ?? [];
}

/** Replaces the list of sites where capture never runs. */
export async function setBlockedSites(sites: string[]): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.blockedSites]: sites });
}

/** Sessions of every workspace signed in to on this browser (the current one included). */
export async function getSavedSessions(): Promise<Session[]> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.savedSessions);
  return (stored[STORAGE_KEYS.savedSessions] as Session[] | undefined) ?? [];
}

/** Remembers a session for switching back to it later (one per workspace and member). */
export async function rememberSession(session: Session): Promise<void> {
  const others = (await getSavedSessions()).filter(
    (s) => !(s.workspace.id === session.workspace.id && s.member.id === session.member.id),
  );
  await browser.storage.local.set({ [STORAGE_KEYS.savedSessions]: [...others, session] });
}

/** Forgets a saved session (after signing out of it). */
export async function forgetSession(workspaceId: string, memberId: string): Promise<void> {
  const rest = (await getSavedSessions()).filter((s) => !(s.workspace.id === workspaceId && s.member.id === memberId));
  await browser.storage.local.set({ [STORAGE_KEYS.savedSessions]: rest });
}

/** A saved dashboard view: a list type with its filter and sort, under a name. */
export interface SavedView {
  id: string;
  name: string;
  type: "lead" | "contact" | "company";
  filter: { text: string; status: string; ownerId: string; tag: string; source: string; minScore: number };
  sort: { key: string; dir: "asc" | "desc" };
}

/** The dashboard's saved views, kept on this browser. */
export async function getSavedViews(): Promise<SavedView[]> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.savedViews);
  return (stored[STORAGE_KEYS.savedViews] as SavedView[] | undefined) ?? [];
}

/** Replaces the saved views. */
export async function setSavedViews(views: SavedView[]): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.savedViews]: views });
}
