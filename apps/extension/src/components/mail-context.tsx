import type { RawMessage } from "@leadpane/domain/extract";
import { useEffect, useState } from "preact/hooks";
import { useLiveQuery } from "../hooks/use-live-query.ts";
import { isMailUrl } from "../mail/mail-hosts.ts";
import { PhoneLinks } from "./contact-details.tsx";
import { phoneRegion } from "./format.ts";
import { useWorkspace } from "../hooks/use-workspace.ts";
import type { ReadMessage } from "../mail/mail-actions.ts";
import { looksLikeJobChange, signatureChanges, type SignatureChange } from "../mail/seen-again.ts";
import { askWorker, MESSAGES, type MailActionKind, type OpenMail } from "../messaging.ts";
import type { Session } from "../chrome-storage.ts";
import { loadRules } from "../local-db/rules.ts";
import { plainFailure } from "./plain-failure.ts";

/** The mail actions and the email extractor they run: loaded when a message is shown, not with the panel. */
const mailActions = () => import("../mail/mail-actions.ts");
/** The sender's lookup and signature changes (mail/sender-tools.ts): loaded with the message too. */
const senderTools = () => import("../mail/sender-tools.ts");
type SenderTools = Awaited<ReturnType<typeof senderTools>>;
type Rules = Awaited<ReturnType<typeof loadRules>>;

/** The message the panel is about and where it came from (a mail tab, or an imported .eml file). */
interface Shown {
  message: RawMessage;
  pageUrl: string | null;
  origin: string;
}

/**
 * The side panel's mail section: the sender of the email open in the followed Gmail/Outlook tab (or
 * of an imported .eml), with Capture sender, Log this email and "seen again" signature changes.
 * `onSenderEmails` lets the panel show the sender's record and history with the page's.
 */
export function MailContext({
  session,
  tab,
  onSenderEmails,
}: {
  session: Session;
  tab: { id: number; url: string } | null;
  onSenderEmails?: (emails: string[]) => void;
}) {
  const fromTab = useOpenMail(tab);
  const [imported, setImported] = useState<Shown | null>(null);
  const [importError, setImportError] = useState<string | null>(null);
  const shown = imported ?? fromTab;
  const address = shown?.message.from?.address ?? "";
  useEffect(() => onSenderEmails?.(address ? [address] : []), [address]);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setImportError(null);
    try {
      // postal-mime loads when a file is opened, not with the panel.
      const { parseEml } = await import("../mail/parse-eml.ts");
      setImported({ message: await parseEml(await file.arrayBuffer()), pageUrl: null, origin: file.name });
    } catch (error) {
      setImportError(
        `Could not read ${file.name}: ${plainFailure(error, "it is not an email file Leadpane can read")}`,
      );
    }
  };

  return (
    <section class="stack" aria-label="Email" data-testid="mail-context">
      {shown && (
        <SenderCard
          key={`${shown.origin}|${address}|${shown.message.subject}|${shown.message.date}`}
          shown={shown}
          session={session}
        />
      )}
      <div class="row small">
        <label class="button file-button" style={{ flexDirection: "row", color: "inherit" }}>
          Import .eml
          {/* Hidden from sight, not from Tab: the label shows the input's focus ring (app.css). */}
          <input
            type="file"
            class="visually-hidden"
            accept=".eml,message/rfc822"
            data-testid="eml-input"
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
        </label>
        {imported && (
          <button type="button" onClick={() => setImported(null)}>
            Close {imported.origin}
          </button>
        )}
        {importError && (
          <span class="error" role="alert">
            {importError}
          </span>
        )}
      </div>
    </section>
  );
}

/** The open message of a mail tab, kept current as the rep moves between messages; null elsewhere. */
function useOpenMail(tab: { id: number; url: string } | null): Shown | null {
  const [shown, setShown] = useState<Shown | null>(null);
  useEffect(() => {
    setShown(null);
    if (!tab || !isMailUrl(tab.url)) return;
    const tabId = tab.id;
    let stopped = false;
    let port: ReturnType<typeof browser.tabs.connect> | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // The content script posts the open message on connect and on every change. Connecting fails
    // while the page loads or reloads (no script yet): try again, backing off to a few seconds.
    const connect = (failures: number) => {
      if (stopped) return;
      let heard = false;
      port = browser.tabs.connect(tabId, { name: MESSAGES.mailPort });
      port.onMessage.addListener((note: OpenMail) => {
        heard = true;
        if (note?.type === MESSAGES.mailOpened)
          setShown(note.message ? { message: note.message, pageUrl: note.pageUrl, origin: `tab:${tabId}` } : null);
      });
      port.onDisconnect.addListener(() => {
        void browser.runtime.lastError; // read, so Chrome does not log "Receiving end does not exist"
        const next = heard ? 0 : failures + 1;
        retry = setTimeout(() => connect(next), Math.min(5_000, 250 * 2 ** Math.min(next, 5)));
      });
    };
    connect(0);
    return () => {
      stopped = true;
      clearTimeout(retry);
      port?.disconnect();
    };
  }, [tab?.id, tab?.url]);
  return shown;
}

function SenderCard({ shown, session }: { shown: Shown; session: Session }) {
  const region = phoneRegion(useWorkspace().settings);
  // A phone in a signature change reads as the record's phones do.
  const [read, setRead] = useState<ReadMessage | null>(null);
  // Loaded with the message, before the card shows: it is drawn once, whole.
  const [tools, setTools] = useState<{ sender: SenderTools; rules: Rules } | null>(null);
  const [status, setStatus] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void Promise.all([mailActions(), senderTools(), loadRules()])
      .then(([{ readMessage }, sender, rules]) => {
        setTools({ sender, rules });
        return readMessage(shown.message);
      })
      .then(setRead, (error: Error) =>
        setStatus({ text: plainFailure(error, "Could not read this email"), ok: false }),
      );
  }, [shown]);
  const emails = read?.sender?.emails ?? [];
  // Live: after Capture sender or an accepted change, the card shows the record as it now is.
  const known = useLiveQuery(
    async () => {
      if (!emails.length) return null;
      const { defaultRegion, findKnownSender } = await senderTools();
      return findKnownSender(emails, await defaultRegion());
    },
    [emails.join(",")],
    read?.known ?? null,
  );

  if (!read || !tools)
    return (
      <p class="muted small" aria-busy="true">
        Reading the email…
      </p>
    );
  const { sender, message } = read;
  if (!sender) return <p class="muted small">No sender found in this email.</p>;
  const { acceptChange, factsOf, mutateAll } = tools.sender;
  // A phone in a signature change reads as the record's phones do.
  const shownValue = (change: SignatureChange, value: string) =>
    change.field === "phone" ? tools.rules.displayPhone(value, region).text : value;
  const changes = known ? signatureChanges(factsOf(known), sender) : [];

  const act = async (action: MailActionKind) => {
    setBusy(true);
    try {
      const { runMailAction } = await mailActions();
      const outcome = await runMailAction(action, message, shown.pageUrl, session);
      setStatus({ text: outcome.text, ok: outcome.ok });
      if (outcome.ok) void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
    } catch (error) {
      setStatus({ text: plainFailure(error, "Could not save this"), ok: false });
    } finally {
      setBusy(false);
    }
  };
  const accept = async (change: SignatureChange) => {
    if (!known) return;
    const provenance = { url: shown.pageUrl, method: "signature", at: new Date().toISOString(), by: session.member.id };
    await mutateAll(acceptChange(known, change, provenance), { actorId: session.member.id, nodeId: session.clientId });
    void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
  };

  return (
    <div class="card stack" data-testid="mail-sender">
      <div class="row">
        <h2 style={{ margin: 0 }}>{sender.name}</h2>
        {known ? (
          <span class={`pill ${known.type}`} data-testid="mail-known">
            In workspace ({known.type})
          </span>
        ) : (
          <span class="pill">New</span>
        )}
      </div>
      {(sender.title || sender.companyName) && (
        <div data-testid="mail-sender-role">{[sender.title, sender.companyName].filter(Boolean).join(" · ")}</div>
      )}
      <div class="small muted">{sender.emails.join(", ")}</div>
      {!!sender.phones.length && (
        <div data-testid="mail-sender-phones">
          <PhoneLinks phones={sender.phones} />
        </div>
      )}
      {message.subject && <div class="small">Subject: {message.subject}</div>}
      {message.cc.length > 0 && (
        <div class="small muted" data-testid="mail-cc">
          Cc: {message.cc.map((m) => m.name ?? m.address).join(", ")}
        </div>
      )}
      {changes.length > 0 && (
        <div class="stack small" data-testid="seen-again">
          <strong>
            {looksLikeJobChange(changes)
              ? "Seen again: possible job change"
              : "Seen again: new details in the signature"}
          </strong>
          {changes.map((change) => (
            <div class="row" data-testid="seen-again-change" key={`${change.field}:${change.after}`}>
              <span>
                {FIELD_LABEL[change.field]}:{" "}
                {change.before ? (
                  <>
                    <s>{shownValue(change, change.before)}</s> →{" "}
                  </>
                ) : null}
                <b>{shownValue(change, change.after)}</b>
              </span>
              {acceptChange(known!, change, { url: null, method: "signature", at: "", by: null }).length > 0 ? (
                <button
                  type="button"
                  onClick={() => void accept(change)}
                  aria-label={`Accept ${FIELD_LABEL[change.field]} ${shownValue(change, change.after)}`}
                >
                  Accept
                </button>
              ) : (
                <span class="muted">(change the company on the contact)</span>
              )}
            </div>
          ))}
        </div>
      )}
      <div class="row">
        <button type="button" class="primary" disabled={busy} onClick={() => void act("captureSender")}>
          Capture sender
        </button>
        <button type="button" disabled={busy} onClick={() => void act("logEmail")}>
          Log this email
        </button>
      </div>
      {status && (
        <p class={status.ok ? "success small" : "error small"} role="status" data-testid="mail-status">
          {status.text}
        </p>
      )}
    </div>
  );
}

const FIELD_LABEL: Record<SignatureChange["field"], string> = {
  title: "Title",
  companyName: "Company",
  phone: "Phone",
};
