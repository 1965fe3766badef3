// What the always-on mail content scripts do on the page: follow the open message, tell the side
// panel about it, and put two small buttons beside its sender. Kept tiny on purpose (no zod, no
// phone metadata, no UI library): the extraction itself runs in the worker or the side panel.
import type { RawMessage } from "@leadpane/domain/extract";
import { isNeverCaptureUrl } from "@leadpane/domain/never-capture";
import {
  MESSAGES,
  type MailActionKind,
  type MailActionReply,
  type MailActionRequest,
  type OpenMail,
} from "../messaging.ts";
import { STORAGE_KEYS } from "../chrome-storage.ts";

/** One mail site: how to read its open message and where its sender is shown. */
export interface MailSite {
  read(doc: Document): RawMessage | null;
  /** Elements to put the buttons after, newest markup first; the last match is the open message's. */
  anchors: readonly string[];
}

type Port = ReturnType<typeof browser.runtime.connect>;

/** Host element id of the injected buttons (one per page). */
const BUTTONS_ID = "leadpane-mail-actions";
// Gmail and Outlook mutate the DOM constantly (timestamps, hovers); reading once things settle is enough.
const SETTLE_MS = 250;

/** Runs the mail page integration until `signal` aborts (the extension was reloaded or updated). */
export function startMailPage(site: MailSite, signal: AbortSignal): void {
  let blocked = true;
  let current: RawMessage | null = null;
  let currentKey = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  // False until the never-capture list is read and the page read once: nobody is told anything before.
  let ready = false;
  const host = createButtons(() => current, signal);

  // Side panels (and the popup) showing this tab, told about every change of the open message.
  const ports = new Set<Port>();
  const note = (): OpenMail => ({ type: MESSAGES.mailOpened, message: current, pageUrl: location.href });
  const onConnect = (port: Port) => {
    if (port.name !== MESSAGES.mailPort) return;
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    if (ready) port.postMessage(note());
  };
  browser.runtime.onConnect.addListener(onConnect);

  const update = () => {
    timer = undefined;
    if (signal.aborted) return;
    const message = blocked ? null : safeRead(site);
    const key = message ? [message.from?.address, message.subject, message.date].join("|") : "";
    if (key !== currentKey || !ready) {
      ready = true;
      current = message;
      currentKey = key;
      host.setStatus("");
      for (const port of ports) port.postMessage(note());
    }
    const anchor = message ? lastMatch(site.anchors) : null;
    if (!anchor) host.element.remove();
    else if (anchor.nextElementSibling !== host.element) anchor.after(host.element);
  };
  const schedule = () => {
    timer ??= setTimeout(update, SETTLE_MS);
  };

  const observer = new MutationObserver(schedule);

  const onStorage = (changes: Record<string, { newValue?: unknown }>) => {
    if (!(STORAGE_KEYS.blockedSites in changes)) return;
    blocked = isNeverCaptureUrl(
      location.href,
      (changes[STORAGE_KEYS.blockedSites]!.newValue as string[] | undefined) ?? [],
    );
    schedule();
  };
  browser.storage.onChanged.addListener(onStorage);

  void browser.storage.local.get(STORAGE_KEYS.blockedSites).then((stored) => {
    if (signal.aborted) return;
    blocked = isNeverCaptureUrl(location.href, (stored[STORAGE_KEYS.blockedSites] as string[] | undefined) ?? []);
    // Only now, with the list known, is the page read and followed.
    observer.observe(document.documentElement, { childList: true, subtree: true });
    update();
  });

  signal.addEventListener("abort", () => {
    observer.disconnect();
    clearTimeout(timer);
    host.element.remove();
    browser.storage.onChanged.removeListener(onStorage);
    browser.runtime.onConnect.removeListener(onConnect);
    for (const port of ports) port.disconnect();
  });
}

// A reader that throws on markup it does not know must not break the mail site.
function safeRead(site: MailSite): RawMessage | null {
  try {
    return site.read(document);
  } catch {
    return null;
  }
}

function lastMatch(selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = document.querySelectorAll(selector);
    if (found.length) return found[found.length - 1]!;
  }
  return null;
}

const LABELS: Record<MailActionKind, string> = { captureSender: "Capture sender", logEmail: "Log this email" };

// In a shadow root so the mail site's styles and ours never mix.
function createButtons(message: () => RawMessage | null, signal: AbortSignal) {
  const element = document.createElement("span");
  element.id = BUTTONS_ID;
  const root = element.attachShadow({ mode: "open" });
  root.innerHTML =
    `<style>
:host{display:inline-flex;gap:6px;align-items:center;margin:4px 8px;` +
    `vertical-align:middle;font:12px/1.4 system-ui,sans-serif}
button{font:inherit;border:1px solid #2f5bea;color:#2f5bea;background:#fff;` +
    `border-radius:12px;padding:2px 10px;cursor:pointer}
button:disabled{opacity:.6;cursor:default}
output{color:#1a7f4b}output.error{color:#c62828}
</style>`;
  const status = document.createElement("output");
  status.setAttribute("role", "status");
  for (const action of Object.keys(LABELS) as MailActionKind[]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = LABELS[action];
    button.dataset.action = action;
    button.addEventListener(
      "click",
      async (event) => {
        // Gmail opens or collapses the message on clicks inside its header.
        event.stopPropagation();
        const open = message();
        if (!open) return;
        button.disabled = true;
        setStatus("Saving…");
        try {
          const request: MailActionRequest = {
            type: MESSAGES.mailAction,
            action,
            message: open,
            pageUrl: location.href,
          };
          const reply = (await browser.runtime.sendMessage(request)) as MailActionReply | undefined;
          setStatus(reply?.text ?? "Leadpane did not answer: reload the page.", !reply?.ok);
        } catch {
          // The extension was updated or reloaded: this page's script is orphaned.
          setStatus("Leadpane was updated: reload the page.", true);
        } finally {
          button.disabled = false;
        }
      },
      { signal },
    );
    root.append(button);
  }
  root.append(status);
  function setStatus(text: string, error = false) {
    status.textContent = text;
    status.className = error ? "error" : "";
  }
  return { element, setStatus };
}
