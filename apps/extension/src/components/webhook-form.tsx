import { WEBHOOK_EVENT_GROUPS, type WebhookEventType } from "@leadpane/domain";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import type { MemberRow } from "./admin-api.ts";
import { AdminError } from "./admin-error.tsx";
import { EVENT_GROUP_LABELS, eventLabel, webhookUrlProblem, webhookUrlRefusal } from "./webhook-words.ts";
import { createWebhook, updateWebhook, type WebhookRow, type WebhookWithSecret } from "./webhooks-api.ts";

/**
 * Adding a webhook endpoint, or editing one (`editing`: the form opens prefilled, Save sends the
 * change, Esc or Cancel closes it): the receiver's address, the events by record type, optional
 * filters by owner and tag. What is wrong with the address is said beside it; the typing is kept.
 */
export function WebhookForm({
  session,
  members,
  onCreated,
  editing,
  onSaved,
  onCancel,
}: {
  session: Session;
  members: MemberRow[];
  onCreated?: (created: WebhookWithSecret) => void;
  editing?: WebhookRow;
  onSaved?: (saved: WebhookRow) => void;
  onCancel?: () => void;
}) {
  const uid = useId();
  const [url, setUrl] = useState(editing?.url ?? "");
  const [events, setEvents] = useState<Set<WebhookEventType>>(new Set(editing?.events ?? []));
  const [ownerId, setOwnerId] = useState(editing?.filter.ownerId ?? "");
  const [tag, setTag] = useState(editing?.filter.tag ?? "");
  const urlRef = useRef<HTMLInputElement>(null);
  // An edit starts in the address field.
  useEffect(() => {
    if (editing) urlRef.current?.focus();
  }, [editing?.id]);
  const [urlError, setUrlError] = useState<string | null>(null);
  const [eventsError, setEventsError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (type: WebhookEventType, on: boolean) => {
    const next = new Set(events);
    if (on) next.add(type);
    else next.delete(type);
    setEvents(next);
    if (next.size) setEventsError(null);
  };

  const submit = async () => {
    const problem = webhookUrlProblem(url);
    setUrlError(problem);
    setEventsError(events.size ? null : "Choose at least one event to send.");
    setError(null);
    if (problem || !events.size) return;
    setBusy(true);
    try {
      const trimmedTag = tag.trim();
      if (editing) {
        const saved = await updateWebhook(session, editing.id, {
          url: url.trim(),
          events: [...events],
          filter: { ownerId: ownerId || null, tag: trimmedTag || null },
        });
        onSaved?.(saved);
        return;
      }
      const created = await createWebhook(session, {
        url: url.trim(),
        events: [...events],
        ...(ownerId || trimmedTag ? { filter: { ownerId: ownerId || null, tag: trimmedTag || null } } : {}),
      });
      setUrl("");
      setEvents(new Set());
      setOwnerId("");
      setTag("");
      onCreated?.(created);
    } catch (e) {
      const refusal = webhookUrlRefusal(e);
      if (refusal) setUrlError(refusal);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class={editing ? "stack nested" : "stack"}
      aria-label={editing ? `Edit webhook ${editing.url}` : "Add a webhook"}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (editing && e.key === "Escape") {
          e.preventDefault();
          onCancel?.();
        }
      }}
    >
      <h3>{editing ? "Edit endpoint" : "Add an endpoint"}</h3>
      <label>
        Receiver address (URL)
        <input
          type="url"
          name="webhook-url"
          ref={urlRef}
          value={url}
          inputMode="url"
          spellcheck={false}
          placeholder="https://example.com/hooks/leadpane"
          aria-invalid={urlError ? "true" : undefined}
          aria-describedby={`${uid}-url-help ${uid}-url-error`}
          onInput={(e) => {
            setUrl(e.currentTarget.value);
            setUrlError(null);
          }}
        />
      </label>
      <span id={`${uid}-url-error`} class="field-error" role="alert" data-testid="webhook-url-error">
        {urlError ?? ""}
      </span>
      <span id={`${uid}-url-help`} class="muted small">
        Leadpane posts each event there as JSON, signed with{" "}
        {editing ? "this endpoint's secret" : "a secret you get next"}. It will not send to private network addresses
        such as 10.0.0.5 or to this server itself.
      </span>
      <fieldset class="webhook-events">
        <legend>Events to send</legend>
        {Object.entries(WEBHOOK_EVENT_GROUPS).map(([group, types]) => (
          <fieldset key={group} class="webhook-event-group">
            <legend class="small">{EVENT_GROUP_LABELS[group as keyof typeof EVENT_GROUP_LABELS]}</legend>
            {types.map((type) => (
              <label key={type} class="inline small">
                <input
                  type="checkbox"
                  name={type}
                  checked={events.has(type)}
                  onChange={(e) => toggle(type, e.currentTarget.checked)}
                  style={{ width: "auto" }}
                />
                {eventLabel(type)}
              </label>
            ))}
          </fieldset>
        ))}
      </fieldset>
      <span class="field-error" role="alert">
        {eventsError ?? ""}
      </span>
      <div class="admin-row">
        <label class="grow">
          Only records owned by (optional)
          <select value={ownerId} onChange={(e) => setOwnerId(e.currentTarget.value)}>
            <option value="">Anyone</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label class="grow">
          Only records tagged (optional)
          <input value={tag} onInput={(e) => setTag(e.currentTarget.value)} placeholder="vip" />
        </label>
      </div>
      <AdminError error={error} />
      <div>
        <button type="submit" class="primary" disabled={busy}>
          {editing ? "Save changes" : "Add endpoint"}
        </button>
        {editing && (
          <>
            {" "}
            <button type="button" onClick={() => onCancel?.()}>
              Cancel
            </button>
          </>
        )}
      </div>
    </form>
  );
}
