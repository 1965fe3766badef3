import { useEffect, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import {
  type CalendarFeedState,
  type CreatedCalendarFeed,
  createCalendarFeed,
  readCalendarFeed,
  turnOffCalendarFeed,
} from "./admin-api.ts";
import { AdminError } from "./admin-error.tsx";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { CopyButton } from "./copy-button.tsx";
import { formatWhen } from "./format.ts";

/**
 * Your calendar feed: your open tasks with due dates, as a private address Google Calendar or
 * Outlook subscribe to. The address is its own password, so it is shown once (when turned on or
 * regenerated); regenerating or turning it off makes the old address stop working.
 */
export function CalendarFeedSettings({ session }: { session: Session }) {
  const [feed, setFeed] = useState<CalendarFeedState | null>(null);
  const [created, setCreated] = useState<CreatedCalendarFeed | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const [confirming, setConfirming] = useState<"regenerate" | "off" | null>(null);
  const load = () =>
    readCalendarFeed(session)
      .then((state) => {
        setFeed(state);
        setError(null);
      })
      .catch(setError);
  useEffect(() => void load(), [session.token]);

  const turnOn = async () => {
    setBusy(true);
    setError(null);
    setStatus("");
    try {
      const next = await createCalendarFeed(session);
      setCreated(next);
      setFeed(next);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card stack" aria-labelledby="calendar-feed-title" data-testid="calendar-feed">
      <h2 id="calendar-feed-title">Calendar feed</h2>
      <p class="muted small">
        Your open tasks with a due date, in your calendar. Google Calendar: Other calendars → + → From URL. Outlook: Add
        calendar → Subscribe from web. Calendars refresh it every few hours.
      </p>
      {feed === null && !error && (
        <p class="muted small" aria-busy="true">
          Loading…
        </p>
      )}
      {feed && !feed.enabled && (
        <div>
          <button type="button" class="primary" disabled={busy} onClick={() => void turnOn()}>
            Turn on calendar feed
          </button>
        </div>
      )}
      {feed?.enabled && (
        <>
          {created ? (
            <div class="notice stack" data-testid="calendar-feed-url">
              <div class="admin-row">
                <code class="code secret grow">{created.url}</code>
                <CopyButton text={created.url} label="Copy the calendar feed address" onStatus={setStatus} />
              </div>
              <span class="muted small">
                Shown only now: anyone with this address sees your tasks, so keep it to your calendar.
              </span>
            </div>
          ) : (
            <p class="small">
              On since {formatWhen(feed.createdAt)} ·{" "}
              {feed.lastFetchedAt ? `last fetched ${formatWhen(feed.lastFetchedAt)}` : "not fetched yet"}. The address
              was shown when you turned it on; regenerate it to see a new one.
            </p>
          )}
          <div class="admin-row">
            <button type="button" disabled={busy} onClick={() => setConfirming("regenerate")}>
              Regenerate address
            </button>
            <button type="button" class="danger-outline" disabled={busy} onClick={() => setConfirming("off")}>
              Turn off
            </button>
          </div>
        </>
      )}
      <p class="success small live" role="status">
        {status}
      </p>
      <AdminError error={error} />
      {confirming && (
        <ConfirmDialog
          title={confirming === "off" ? "Turn off the calendar feed?" : "Regenerate the address?"}
          confirmLabel={confirming === "off" ? "Turn off" : "Regenerate"}
          danger={confirming === "off"}
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            if (confirming === "off") {
              await turnOffCalendarFeed(session);
              setCreated(null);
              setStatus("Calendar feed turned off: its address no longer works.");
              await load();
            } else {
              const next = await createCalendarFeed(session);
              setCreated(next);
              setFeed(next);
              setStatus("New address made: the old one no longer works; subscribe to this one instead.");
            }
          }}
        >
          <p>
            Calendars subscribed to the current address stop receiving your tasks
            {confirming === "off" ? "." : "; subscribe them to the new address."}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
