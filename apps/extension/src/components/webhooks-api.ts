import type { InferRequestType, InferResponseType } from "hono/client";
import type { ApiClient } from "@leadpane/api/client";
import { apiForSession, readJson } from "../api.ts";
import type { Session } from "../chrome-storage.ts";

// Webhooks live only on the server (owners and admins): Settings reads and changes them here.

type Hooks = ApiClient["v1"]["webhooks"];
/** A registered endpoint (never its secret). */
export type WebhookRow = InferResponseType<Hooks["$get"], 200>["items"][number];
/** An endpoint as created or rotated: its secret is shown this once. */
export type WebhookWithSecret = InferResponseType<Hooks["$post"], 201>;
/** What a new endpoint is made of. */
export type NewWebhook = InferRequestType<Hooks["$post"]>["json"];
/** What a change to an endpoint may carry. */
export type WebhookChange = InferRequestType<Hooks[":id"]["$patch"]>["json"];
/** One delivery of the log. */
export type DeliveryRow = InferResponseType<Hooks[":id"]["deliveries"]["$get"], 200>["items"][number];

/** The workspace's endpoints, newest first. */
export async function listWebhooks(session: Session): Promise<WebhookRow[]> {
  return (await readJson(apiForSession(session).v1.webhooks.$get())).items;
}

/** Registers an endpoint; the answer carries its signing secret, shown only now. */
export async function createWebhook(session: Session, input: NewWebhook): Promise<WebhookWithSecret> {
  return readJson(apiForSession(session).v1.webhooks.$post({ json: input }));
}

/** Changes an endpoint (address, events, filter, on or off). */
export async function updateWebhook(session: Session, id: string, change: WebhookChange): Promise<WebhookRow> {
  return readJson(apiForSession(session).v1.webhooks[":id"].$patch({ param: { id }, json: change }));
}

/** Deletes an endpoint (restorable). */
export async function deleteWebhook(session: Session, id: string): Promise<void> {
  await readJson(apiForSession(session).v1.webhooks[":id"].$delete({ param: { id } }));
}

/** Brings a deleted endpoint back: the undo of a delete. */
export async function restoreWebhook(session: Session, id: string): Promise<WebhookRow> {
  return readJson(apiForSession(session).v1.webhooks[":id"].restore.$post({ param: { id } }));
}

/** A new signing secret, shown only now; the previous one also signs for 24 hours. */
export async function rotateWebhookSecret(session: Session, id: string): Promise<WebhookWithSecret> {
  return readJson(apiForSession(session).v1.webhooks[":id"]["rotate-secret"].$post({ param: { id } }));
}

/** A page of an endpoint's deliveries, newest first: the latest, or those older than `cursor`. */
export async function listDeliveries(
  session: Session,
  id: string,
  cursor?: string,
): Promise<{ items: DeliveryRow[]; nextCursor: string | null }> {
  return readJson(
    apiForSession(session).v1.webhooks[":id"].deliveries.$get({
      param: { id },
      query: cursor ? { limit: "50", cursor } : { limit: "50" },
    }),
  );
}

/** Sends a delivery's message again (same webhook-id) as a new delivery. */
export async function replayDelivery(session: Session, id: string, deliveryId: string): Promise<DeliveryRow> {
  return readJson(
    apiForSession(session).v1.webhooks[":id"].deliveries[":deliveryId"].replay.$post({ param: { id, deliveryId } }),
  );
}
