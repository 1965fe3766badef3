import { useEffect, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import { AdminError } from "./admin-error.tsx";
import { formatWhen } from "./format.ts";
import { type DeliveryRow, listDeliveries, replayDelivery } from "./webhooks-api.ts";

/** How often an open log refreshes (deliveries happen in the background). */
const REFRESH_MS = 2000;

/**
 * An endpoint's delivery log, newest first (the latest 50, then "Show older" pages down): the event, what the receiver answered (status,
 * latency, the start of its answer), attempts and the next retry; Replay sends the same message
 * (same webhook-id) again.
 */
export function WebhookDeliveries({ session, webhookId }: { session: Session; webhookId: string }) {
  // Every row seen, by id: the refresh updates the latest page, "Show older" adds the next one down,
  // so rows pushed out of the latest page by new deliveries stay in view (the list stays contiguous).
  const [known, setKnown] = useState<Map<string, DeliveryRow> | null>(null);
  // Where the next older page starts: the latest page's cursor until an older page is loaded.
  const [older, setOlder] = useState<{ cursor: string | null; loaded: boolean }>({ cursor: null, loaded: false });
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState("");
  const merge = (rows: DeliveryRow[]) =>
    setKnown((previous) => {
      const next = new Map(previous ?? []);
      for (const row of rows) next.set(row.id, row);
      return next;
    });
  const load = () =>
    listDeliveries(session, webhookId)
      .then((page) => {
        merge(page.items);
        setOlder((o) => (o.loaded ? o : { cursor: page.nextCursor, loaded: false }));
        setError(null);
      })
      .catch(setError);
  const showOlder = async () => {
    if (!older.cursor) return;
    setLoadingOlder(true);
    try {
      const page = await listDeliveries(session, webhookId, older.cursor);
      merge(page.items);
      setOlder({ cursor: page.nextCursor, loaded: true });
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingOlder(false);
    }
  };
  useEffect(() => {
    setKnown(null);
    setOlder({ cursor: null, loaded: false });
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [webhookId, session.token]);
  // Ids are time-ordered (UUIDv7): newest first.
  const items = known ? [...known.values()].sort((a, b) => (a.id < b.id ? 1 : -1)) : null;

  return (
    <div class="stack nested" data-testid="webhook-deliveries">
      <h4 style={{ margin: 0 }}>Delivery log</h4>
      <AdminError error={error} />
      {items === null && !error && <p class="muted small">Loading deliveries…</p>}
      {items?.length === 0 && (
        <p class="muted small">Nothing sent yet: deliveries appear here after the next change.</p>
      )}
      {items && items.length > 0 && (
        <ul class="admin-list" aria-label="Deliveries">
          {items.map((d) => (
            <li key={d.id} data-testid="delivery-row">
              <div class="admin-row">
                <div class="grow">
                  <strong>{d.eventType}</strong> <DeliveryStatus delivery={d} />
                  <div class="muted small">
                    {formatWhen(d.createdAt)} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                    {d.latencyMs !== null ? ` · ${d.latencyMs} ms` : ""}
                    {d.nextAttemptAt ? ` · next try ${formatWhen(d.nextAttemptAt)}` : ""}
                    {d.replayOf ? " · replay" : ""}
                  </div>
                  <div class="muted small webhook-id">webhook-id {d.messageId}</div>
                  {(d.error || d.responseExcerpt) && (
                    <div class="small webhook-excerpt">{d.error ?? d.responseExcerpt}</div>
                  )}
                </div>
                <button
                  type="button"
                  aria-label={`Replay ${d.eventType} of ${formatWhen(d.createdAt)}`}
                  onClick={async () => {
                    setError(null);
                    try {
                      await replayDelivery(session, webhookId, d.id);
                      setStatus("Replay queued: the same message, with the same webhook-id, is sent again.");
                      await load();
                    } catch (e) {
                      setError(e);
                    }
                  }}
                >
                  Replay
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {older.cursor && (
        <div>
          <button type="button" data-testid="deliveries-older" disabled={loadingOlder} onClick={() => void showOlder()}>
            {loadingOlder ? "Loading older deliveries…" : "Show older"}
          </button>
        </div>
      )}
      <p class="success small live" role="status">
        {status}
      </p>
    </div>
  );
}

function DeliveryStatus({ delivery }: { delivery: DeliveryRow }) {
  const code = delivery.responseStatus !== null ? ` · ${delivery.responseStatus}` : "";
  if (delivery.status === "succeeded")
    return (
      <span class="pill st-qualified" data-testid="delivery-status">
        Delivered{code}
      </span>
    );
  if (delivery.status === "failed")
    return (
      <span class="pill st-unqualified" data-testid="delivery-status">
        Failed{code}
      </span>
    );
  return (
    <span class="pill warn" data-testid="delivery-status">
      {delivery.attempts ? `Retrying${code}` : "Waiting"}
    </span>
  );
}
