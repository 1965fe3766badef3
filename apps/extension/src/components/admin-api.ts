import type { ClientResponse, InferResponseType } from "hono/client";
import type { RecordType, Role } from "@leadpane/domain";
import { apiForSession, readJson } from "../api.ts";
import type { ApiClient } from "@leadpane/api/client";
import type { Session } from "../chrome-storage.ts";

// Admin data (members, devices, invites, the audit log) lives only on the server: every screen
// reads it here, through the typed client, and never from the local store.

type V1 = ApiClient["v1"];
/** A current member as `GET /v1/members` lists them. */
export type MemberRow = InferResponseType<V1["members"]["$get"], 200>["items"][number];
/** A live device token (never the secret itself). */
export type TokenRow = InferResponseType<V1["tokens"]["$get"], 200>["items"][number];
/** A pending invite. */
export type InviteRow = InferResponseType<V1["invites"]["$get"], 200>["items"][number];
/** A newly created invite: its code is shown this once. */
export type CreatedInvite = InferResponseType<V1["invites"]["$post"], 201>;
/** One page of the audit log, newest first. */
export type AuditPage = InferResponseType<V1["audit"]["$get"], 200>;
/** One audit entry. */
export type AuditEntry = AuditPage["items"][number];
/** What an erasure removed. */
export type ErasureSummary = InferResponseType<V1["privacy"]["erase"]["$post"], 200>;
/** A live API key (never the key itself). */
export type ApiKeyRow = InferResponseType<V1["api-keys"]["$get"], 200>["items"][number];
/** A newly created API key: the key is shown this once. */
export type CreatedApiKey = InferResponseType<V1["api-keys"]["$post"], 201>;
/** Whether one's calendar feed is on. */
export type CalendarFeedState = InferResponseType<V1["calendar-feed"]["$get"], 200>;
/** A new calendar feed: its URL is shown this once. */
export type CreatedCalendarFeed = InferResponseType<V1["calendar-feed"]["$post"], 201>;
/** Whom a privacy request is about. */
export type PersonQuery = { email: string } | { type: "lead" | "contact"; id: string };
/** The audit log's filters, as the API takes them. */
export interface AuditFilter {
  action?: string;
  memberId?: string;
  recordType?: string;
  recordId?: string;
}

/** The workspace's current members. */
export async function listMembers(session: Session): Promise<MemberRow[]> {
  return (await readJson(apiForSession(session).v1.members.$get())).items;
}

/** Gives a member another role (not owner: ownership moves by transfer). */
export async function changeRole(session: Session, id: string, role: Exclude<Role, "owner">): Promise<void> {
  await readJson(apiForSession(session).v1.members[":id"].$patch({ param: { id }, json: { role } }));
}

/** Removes a member (or, with one's own id, leaves the workspace); their devices are signed out. */
export async function removeMember(session: Session, id: string): Promise<void> {
  await readJson(apiForSession(session).v1.members[":id"].$delete({ param: { id } }));
}

/** Makes another member the owner; the current owner becomes an admin. */
export async function transferOwnership(session: Session, id: string): Promise<void> {
  await readJson(apiForSession(session).v1.members[":id"]["transfer-ownership"].$post({ param: { id } }));
}

/** Device tokens: one's own, or (owners and admins) one member's. */
export async function listTokens(session: Session, memberId?: string): Promise<TokenRow[]> {
  return (await readJson(apiForSession(session).v1.tokens.$get({ query: memberId ? { memberId } : {} }))).items;
}

/** Revokes a device token: that browser is signed out at its next request. */
export async function revokeToken(session: Session, id: string): Promise<void> {
  await readJson(apiForSession(session).v1.tokens[":id"].$delete({ param: { id } }));
}

/** The workspace's live API keys (owners and admins). */
export async function listApiKeys(session: Session): Promise<ApiKeyRow[]> {
  return (await readJson(apiForSession(session).v1["api-keys"].$get())).items;
}

/** Creates a named API key, `read` or `write`; its secret is in the answer only. */
export async function createApiKey(
  session: Session,
  input: { name: string; scope: ApiKeyRow["scope"] },
): Promise<CreatedApiKey> {
  return readJson(apiForSession(session).v1["api-keys"].$post({ json: input }));
}

/** Revokes an API key: programs using it are refused from their next request. */
export async function revokeApiKey(session: Session, id: string): Promise<void> {
  await readJson(apiForSession(session).v1["api-keys"][":id"].$delete({ param: { id } }));
}

/** Whether one's own calendar feed is on, since when and when a calendar last fetched it. */
export async function readCalendarFeed(session: Session): Promise<CalendarFeedState> {
  return readJson(apiForSession(session).v1["calendar-feed"].$get());
}

/** Turns one's calendar feed on, or gives it a new URL (the old one stops working). */
export async function createCalendarFeed(session: Session): Promise<CreatedCalendarFeed> {
  return readJson(apiForSession(session).v1["calendar-feed"].$post());
}

/** Turns one's calendar feed off: its URL stops working. */
export async function turnOffCalendarFeed(session: Session): Promise<void> {
  await readJson(apiForSession(session).v1["calendar-feed"].$delete());
}

/** Invites that can still be accepted. */
export async function listInvites(session: Session): Promise<InviteRow[]> {
  return (await readJson(apiForSession(session).v1.invites.$get())).items;
}

/** Creates a single-use invite code with a role, optionally bound to an email address. */
export async function createInvite(
  session: Session,
  input: { role: Exclude<Role, "owner">; email?: string },
): Promise<CreatedInvite> {
  return readJson(apiForSession(session).v1.invites.$post({ json: input }));
}

/** Revokes a pending invite. */
export async function revokeInvite(session: Session, id: string): Promise<void> {
  await readJson(apiForSession(session).v1.invites[":id"].$delete({ param: { id } }));
}

/** One page of the audit log, after `cursor` (the previous page's `nextCursor`). */
export async function readAudit(
  session: Session,
  filter: AuditFilter,
  cursor: string | null,
  limit: number,
): Promise<AuditPage> {
  const query: Record<string, string> = { limit: String(limit) };
  for (const [key, value] of Object.entries(filter)) if (value) query[key] = value;
  if (cursor) query.cursor = cursor;
  return readJson(apiForSession(session).v1.audit.$get({ query }));
}

/** Everything the workspace holds about one person, as the JSON file the API sends. */
export async function exportPerson(session: Session, person: PersonQuery): Promise<Blob> {
  return blobOf(await apiForSession(session).v1.privacy.export.$get({ query: person }));
}

/** Erases a person for good, on the server and (at their next pull) on every synced browser. */
export async function erasePerson(session: Session, person: PersonQuery): Promise<ErasureSummary> {
  return readJson(apiForSession(session).v1.privacy.erase.$post({ json: person }));
}

/** The whole workspace (JSON), or one record type (JSON or CSV). */
export async function exportWorkspace(session: Session, format: "json" | "csv", type?: RecordType): Promise<Blob> {
  return blobOf(await apiForSession(session).v1.export.$get({ query: type ? { format, type } : { format } }));
}

async function blobOf(response: ClientResponse<unknown>): Promise<Blob> {
  // Errors come in the contract's JSON shape: let readJson turn them into an ApiRequestError.
  if (!response.ok) await readJson(response);
  return response.blob();
}
