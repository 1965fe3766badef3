import type { Member, Workspace } from "@leadpane/domain";

/** Where the API lives when nobody said otherwise (what `npm start` serves). */
export const DEFAULT_SERVER_URL = "http://127.0.0.1:8787";

/** chrome.storage.local keys, in one place. */
export const STORAGE_KEYS = {
  session: "leadpane.session",
  blockedSites: "leadpane.blockedSites",
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
