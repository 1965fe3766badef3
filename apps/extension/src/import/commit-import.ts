import { newId } from "@leadpane/domain";
import { type ImportAction, type ImportCounts, importChanges, type RowPlan } from "@leadpane/domain/import";
import type { Session } from "../chrome-storage.ts";
import { getMeta } from "../local-db/db.ts";
import { mutateChunksInBulk } from "./bulk-mutate.ts";
import { askWorker, MESSAGES } from "../messaging.ts";
import { whileCommittingInBulk } from "../sync/bulk-commit.ts";

/** Rows per local transaction: small enough that the page stays responsive between them. */
const CHUNK_ROWS = 500;

/**
 * Commits an import through the local store like any change: each chunk of rows is one local
 * transaction (records and outbox entries together) ending with its `recordImport` history part.
 * The worker pushes each chunk as soon as it is committed, while the next ones are written, and
 * pulls once the last is (sync/bulk-commit.ts). Offline it waits in the outbox. Answers what it did.
 */
export async function commitImport(
  session: Session,
  plans: readonly RowPlan[],
  choices: Readonly<Record<number, ImportAction>>,
  file: { name: string; format: "csv" | "vcard" },
  onProgress: (rowsDone: number) => void,
): Promise<{ importId: string; counts: ImportCounts }> {
  const importId = newId();
  const made = new Set<string>();
  const commit = importChanges(plans, choices, {
    importId,
    fileName: file.name,
    format: file.format,
    newId: () => {
      const id = newId();
      made.add(id);
      return id;
    },
    now: new Date().toISOString(),
    chunkRows: CHUNK_ROWS,
  });
  const settings = await getMeta("settings", null);
  const options = {
    actorId: session.member.id,
    nodeId: session.clientId,
    defaultRegion: settings?.defaultRegion ?? "US",
  };
  const push = () => void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
  await whileCommittingInBulk(() =>
    // The records this import creates have ids made just now: nothing to read for them.
    mutateChunksInBulk(commit.chunks, { ...options, made }, (chunks) => {
      push();
      onProgress(Math.min(plans.length, chunks * CHUNK_ROWS));
    }),
  );
  // The round this starts (or the one after the round in progress) pushes the rest, then pulls.
  push();
  return { importId, counts: commit.counts };
}
