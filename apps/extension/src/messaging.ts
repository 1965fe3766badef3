import type { RawMessage } from "@leadpane/domain/extract";

/** Messages between the extension's pages and its service worker, by name. */
export const MESSAGES = {
  /** Ask the worker to push pending changes and pull new ones now. */
  syncNow: "leadpane/sync-now",
  /** The worker's sync state changed (broadcast). */
  syncState: "leadpane/sync-state",
  /** Ask the worker for the current sync state. */
  getSyncState: "leadpane/get-sync-state",
  /** A mail-site content script asks the worker to capture the sender or log the open email. */
  mailAction: "leadpane/mail-action",
  /** The open message of a mail tab, posted by its content script on the mail port. */
  mailOpened: "leadpane/mail-opened",
  /**
   * Port name: the side panel connects to a mail tab's content script, which posts the open message
   * at once and whenever it changes (a port, not a broadcast, so opening mail never wakes the worker).
   */
  mailPort: "leadpane/mail-port",
} as const;

/** What the UI shows about sync. */
export interface SyncState {
  online: boolean;
  syncing: boolean;
  pending: number;
  lastSyncAt: string | null;
  error: string | null;
  /** Mutations the server refused for good (invalid or forbidden), newest last. */
  rejected: Array<{ id: number; name: string; message: string }>;
  /** While a first load runs: changes stored so far and how many it brings (null: not told). */
  firstLoad: { loaded: number; total: number | null } | null;
}

/** What the mail buttons (in the page or the side panel) can do with the open message. */
export type MailActionKind = "captureSender" | "logEmail";

/** Capture the sender or log the email; `message` is the RawMessage read from the mail site's DOM. */
export interface MailActionRequest {
  type: typeof MESSAGES.mailAction;
  action: MailActionKind;
  message: RawMessage;
  /** The mail page's address (provenance, and the never-capture list). */
  pageUrl: string;
}

/** What a mail action did, in words the page can show. */
export type MailActionReply =
  | { ok: true; text: string; subject: { type: "lead" | "contact"; id: string } }
  | { ok: false; text: string };

/**
 * The open message of a mail tab, as posted on the mail port; null when none is open (or the site
 * is on the never-capture list).
 */
export interface OpenMail {
  type: typeof MESSAGES.mailOpened;
  message: RawMessage | null;
  pageUrl: string;
}

/** A request from a page to the worker. */
export type WorkerRequest =
  | { type: typeof MESSAGES.syncNow }
  | { type: typeof MESSAGES.getSyncState }
  | MailActionRequest;

/** Sends a request to the service worker, waking it if needed. */
export async function askWorker<T>(request: WorkerRequest): Promise<T> {
  return (await browser.runtime.sendMessage(request)) as T;
}
