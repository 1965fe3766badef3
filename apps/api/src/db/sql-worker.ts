import { parentPort, workerData } from "node:worker_threads";
import { createClient, type InStatement, LibsqlError, type ResultSet, type Transaction } from "@libsql/client";
import { cacheLocalStatements } from "./statement-cache.ts";
import type { SqlReply, SqlRequest, WireError, WireResult } from "./worker-client.ts";

/**
 * The thread that owns a local libSQL connection for worker-client.ts: each request runs here, in
 * the order it was posted, so the native driver's synchronous work (every statement, and a commit's
 * fsync) blocks this thread instead of the API's event loop.
 */
const { url, timeout } = workerData as { url: string; timeout: number };
cacheLocalStatements();
const client = createClient({ url, timeout });
const transactions = new Map<number, Transaction>();
const port = parentPort!;

function wireResult(result: ResultSet): WireResult {
  return {
    columns: result.columns,
    columnTypes: result.columnTypes,
    // A row is an object with indexed and named values; the array of its values is all a row needs.
    rows: result.rows.map((row) => Array.from(row)),
    rowsAffected: result.rowsAffected,
    lastInsertRowid: result.lastInsertRowid,
  };
}

function wireError(error: unknown): WireError {
  if (error instanceof LibsqlError)
    return {
      message: error.message,
      code: error.code,
      ...(error.extendedCode !== undefined ? { extendedCode: error.extendedCode } : {}),
      ...(error.rawCode !== undefined ? { rawCode: error.rawCode } : {}),
    };
  return { message: error instanceof Error ? error.message : String(error) };
}

function transaction(id: number): Transaction {
  const tx = transactions.get(id);
  if (!tx) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
  return tx;
}

async function run(request: SqlRequest): Promise<WireResult | WireResult[] | null> {
  switch (request.op) {
    case "execute":
      return wireResult(
        await (request.tx ? transaction(request.tx).execute(request.stmt) : client.execute(request.stmt)),
      );
    case "batch":
      return (
        await (request.tx
          ? transaction(request.tx).batch(request.stmts)
          : client.batch(request.stmts, request.mode ?? "deferred"))
      ).map(wireResult);
    case "migrate":
      return (await client.migrate(request.stmts as InStatement[])).map(wireResult);
    case "executeMultiple":
      await (request.tx ? transaction(request.tx).executeMultiple(request.sql) : client.executeMultiple(request.sql));
      return null;
    case "begin":
      transactions.set(request.tx, await client.transaction(request.mode));
      return null;
    case "commit":
    case "rollback": {
      const tx = transactions.get(request.tx);
      transactions.delete(request.tx);
      if (tx) await (request.op === "commit" ? tx.commit() : tx.rollback());
      else if (request.op === "commit") throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
      return null;
    }
    case "close":
      transactions.get(request.tx)?.close();
      transactions.delete(request.tx);
      return null;
  }
}

// One request at a time, in order: a transaction's statements must run as they were posted, and
// the driver's calls are synchronous anyway (awaiting one only waits for the pool's bookkeeping).
let turn: Promise<void> = Promise.resolve();
port.on("message", (request: SqlRequest) => {
  turn = turn.then(async () => {
    let reply: SqlReply;
    try {
      reply = { id: request.id, ok: true, result: await run(request) };
    } catch (error) {
      reply = { id: request.id, ok: false, error: wireError(error) };
    }
    port.postMessage(reply);
  });
});
