import type { InferResponseType } from "hono/client";
import type { ApiClient } from "@leadpane/api/client";
import { apiForSession, readJson } from "../api.ts";
import type { Session } from "../chrome-storage.ts";
import { entriesOf } from "../local-db/pending-rows.ts";
import { db } from "../local-db/db.ts";

// The import history lives on the server (recordImport parts arrive with the push); undo runs there.

type V1 = ApiClient["v1"];
/** One import in the workspace's history. */
export type ImportEntry = InferResponseType<V1["imports"]["$get"], 200>["items"][number];
/** What undoing an import did, per record. */
export type UndoAnswer = InferResponseType<V1["imports"][":id"]["undo"]["$post"], 200>;

/** The workspace's imports, newest first. */
export async function listImports(session: Session): Promise<ImportEntry[]> {
  return (await readJson(apiForSession(session).v1.imports.$get({ query: {} }))).items;
}

/** Undoes an import on the server; its changes reach this browser with the next pull. */
export async function undoImport(session: Session, id: string): Promise<UndoAnswer> {
  return readJson(apiForSession(session).v1.imports[":id"].undo.$post({ param: { id } }));
}

/** Ids of imports committed here whose history has not reached the server yet. */
export async function pendingImportIds(): Promise<string[]> {
  // Read whole and filtered here: Dexie walks a cursor, one request per row, for a filter.
  const waiting = entriesOf(await db.outbox.toArray()).filter((m) => m.name === "recordImport");
  return [...new Set(waiting.map((m) => String((m.args as { id?: unknown }).id)))];
}
