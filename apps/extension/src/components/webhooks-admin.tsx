import { useEffect, useRef, useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import type { MemberRow } from "./admin-api.ts";
import { AdminError } from "./admin-error.tsx";
import { formatWhen } from "./format.ts";
import { WebhookDeliveries } from "./webhook-deliveries.tsx";
import { WebhookForm } from "./webhook-form.tsx";
import "./webhooks.css";
import {
  deleteWebhook,
  listWebhooks,
  restoreWebhook,
  rotateWebhookSecret,
  updateWebhook,
  type WebhookRow,
  type WebhookWithSecret,
} from "./webhooks-api.ts";

/** How long a deleted endpoint's Undo stays offered (as the app's other undos). */
const UNDO_MS = 10_000;

/**
 * Webhooks (owners and admins): the endpoints other programs receive the workspace's changes at,
 * each with its events, filters (all editable in place), on/off, secret rotation, delivery log and the reason Leadpane
 * turned it off, if it did; a form to add one; the secret shown once.
 */
export function WebhooksAdmin({ session, members }: { session: Session; members: MemberRow[] | null }) {
  const [hooks, setHooks] = useState<WebhookRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [secret, setSecret] = useState<{ hook: WebhookWithSecret; rotated: boolean } | null>(null);
  const [status, setStatus] = useState("");
  const [deleted, setDeleted] = useState<WebhookRow | null>(null);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // The Edit buttons by endpoint: closing an edit puts focus back on the button that opened it.
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const [refocus, setRefocus] = useState<string | null>(null);
  useEffect(() => {
    if (!refocus || editing) return;
    editButtons.current.get(refocus)?.focus();
    setRefocus(null);
  }, [refocus, editing, hooks]);
  const closeEdit = (id: string) => {
    setEditing(null);
    setRefocus(id);
  };
  const undoTimer = useRef<ReturnType<typeof setTimeout>>();
  const load = () =>
    listWebhooks(session)
      .then((items) => {
        setHooks(items);
        setError(null);
      })
      .catch(setError);
  useEffect(() => void load(), [session.token]);
  useEffect(() => () => clearTimeout(undoTimer.current), []);

  const act = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    }
    await load();
  };
  const memberName = (id: string | null) => members?.find((m) => m.id === id)?.name ?? "a former member";
  const off = hooks?.filter((h) => !h.enabled && h.disabledReason) ?? [];

  return (
    <section class="card stack" aria-labelledby="webhooks-title" data-testid="webhooks">
      <h2 id="webhooks-title">Webhooks</h2>
      <p class="muted small">
        Tell other programs about changes in this workspace: Leadpane posts each event (a lead created, a deal won…) to
        the addresses below, signed so the receiver can check it came from here.
      </p>
      {off.length > 0 && (
        <div class="notice danger webhook-notice" role="alert" data-testid="webhooks-disabled-notice">
          {off.length === 1 ? "One endpoint was" : `${off.length} endpoints were`} turned off by Leadpane; see why
          below, fix the receiver, then turn it on again.
        </div>
      )}
      {secret && (
        <div class="notice stack" data-testid="webhook-secret">
          <div class="webhook-secret-line">
            {secret.rotated ? "New signing secret" : "Signing secret"}:{" "}
            <strong class="code webhook-secret-value">{secret.hook.secret}</strong>{" "}
            <button
              type="button"
              onClick={() =>
                void navigator.clipboard?.writeText(secret.hook.secret).then(
                  () => setStatus("Secret copied."),
                  () => setStatus("Copy it by hand."),
                )
              }
            >
              Copy
            </button>
          </div>
          <span class="muted small">
            For {secret.hook.url}. It is shown only now: put it in the receiving program, which verifies each request's
            webhook-signature with it (any Standard Webhooks library does).
            {secret.rotated && secret.hook.previousSecretUntil
              ? ` The previous secret also signs until ${formatWhen(secret.hook.previousSecretUntil)}.`
              : ""}
          </span>
          <div>
            <button type="button" onClick={() => setSecret(null)}>
              I have stored it
            </button>
          </div>
        </div>
      )}
      <p class="success small live" role="status">
        {status}
        {deleted && (
          <>
            {" "}
            <button
              type="button"
              data-testid="webhook-undo"
              onClick={() =>
                void act(async () => {
                  clearTimeout(undoTimer.current);
                  await restoreWebhook(session, deleted.id);
                  setDeleted(null);
                  setStatus("Endpoint restored.");
                })
              }
            >
              Undo
            </button>
          </>
        )}
      </p>
      <AdminError error={error} />
      {hooks === null && !error && <p class="muted small">Loading webhooks…</p>}
      {hooks?.length === 0 && <p class="muted small">No endpoints yet.</p>}
      {hooks && hooks.length > 0 && (
        <ul class="admin-list" aria-label="Endpoints">
          {hooks.map((hook) => (
            <li key={hook.id} data-testid="webhook-row">
              <div class="admin-row">
                <div class="grow">
                  <span class="webhook-url" title={hook.url}>
                    {hook.url}
                  </span>{" "}
                  <span class={`pill ${hook.enabled ? "st-qualified" : "warn"}`}>{hook.enabled ? "On" : "Off"}</span>
                  <div class="muted small">
                    {hook.events.join(", ")}
                    {hook.filter.ownerId ? ` · only ${memberName(hook.filter.ownerId)}'s records` : ""}
                    {hook.filter.tag ? ` · only tagged “${hook.filter.tag}”` : ""}
                  </div>
                </div>
              </div>
              {!hook.enabled && hook.disabledReason && (
                <div class="notice danger webhook-notice" data-testid="webhook-disabled-reason">
                  Turned off by Leadpane {formatWhen(hook.disabledAt)}: {hook.disabledReason}
                </div>
              )}
              {editing === hook.id && (
                <WebhookForm
                  session={session}
                  members={members ?? []}
                  editing={hook}
                  onCancel={() => closeEdit(hook.id)}
                  onSaved={() => {
                    setStatus("Endpoint saved.");
                    closeEdit(hook.id);
                    void load();
                  }}
                />
              )}
              <div class="admin-row">
                <button
                  type="button"
                  ref={(el) => {
                    if (el) editButtons.current.set(hook.id, el);
                    else editButtons.current.delete(hook.id);
                  }}
                  aria-expanded={editing === hook.id}
                  aria-label={`Edit endpoint ${hook.url}`}
                  onClick={() => setEditing(editing === hook.id ? null : hook.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void act(async () => {
                      await updateWebhook(session, hook.id, { enabled: !hook.enabled });
                      setStatus(hook.enabled ? "Endpoint turned off." : "Endpoint turned on.");
                    })
                  }
                >
                  {hook.enabled ? "Turn off" : "Turn on"}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void act(async () => {
                      setSecret({ hook: await rotateWebhookSecret(session, hook.id), rotated: true });
                      setStatus("");
                    })
                  }
                >
                  Rotate secret
                </button>
                <button
                  type="button"
                  aria-expanded={openLog === hook.id}
                  onClick={() => setOpenLog(openLog === hook.id ? null : hook.id)}
                >
                  {openLog === hook.id ? "Hide delivery log" : "Delivery log"}
                </button>
                <button
                  type="button"
                  class="danger-outline"
                  aria-label={`Delete endpoint ${hook.url}`}
                  onClick={() =>
                    void act(async () => {
                      await deleteWebhook(session, hook.id);
                      if (openLog === hook.id) setOpenLog(null);
                      setDeleted(hook);
                      setStatus("Endpoint deleted: nothing is sent to it.");
                      clearTimeout(undoTimer.current);
                      undoTimer.current = setTimeout(() => {
                        setDeleted(null);
                        setStatus("");
                      }, UNDO_MS);
                    })
                  }
                >
                  Delete
                </button>
              </div>
              {openLog === hook.id && <WebhookDeliveries session={session} webhookId={hook.id} />}
            </li>
          ))}
        </ul>
      )}
      <WebhookForm
        session={session}
        members={members ?? []}
        onCreated={(hook) => {
          setSecret({ hook, rotated: false });
          setStatus("Endpoint added.");
          void load();
        }}
      />
    </section>
  );
}
