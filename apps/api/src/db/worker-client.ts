import { Worker } from "node:worker_threads";
import {
  type Client,
  type InArgs,
  type InStatement,
  LibsqlError,
  type Replicated,
  type ResultSet,
  type Row,
  type Transaction,
  type TransactionMode,
  type Value,
} from "@libsql/client";

/** A result set as it crosses threads: its rows as plain arrays of values. */
export interface WireResult {
  columns: string[];
  columnTypes: string[];
  rows: Value[][];
  rowsAffected: number;
  lastInsertRowid: bigint | undefined;
}

/** A libSQL error as it crosses threads (a cloned Error loses its `code`, which isBusyError reads). */
export interface WireError {
  message: string;
  code?: string;
  extendedCode?: string;
  rawCode?: number;
}

/** One call for the SQL worker (sql-worker.ts); `tx` names a transaction begun by an earlier `begin`. */
export type SqlRequest = { id: number } & (
  | { op: "execute"; tx?: number; stmt: InStatement }
  | { op: "batch"; tx?: number; stmts: Array<InStatement | [string, InArgs?]>; mode?: TransactionMode }
  | { op: "migrate"; stmts: InStatement[] }
  | { op: "executeMultiple"; tx?: number; sql: string }
  | { op: "begin" | "commit" | "rollback" | "close"; tx: number; mode?: TransactionMode }
);

/** The worker's answer to one request. */
export type SqlReply =
  | { id: number; ok: true; result: WireResult | WireResult[] | null }
  | { id: number; ok: false; error: WireError };

type Unidentified<T> = T extends unknown ? Omit<T, "id"> : never;

interface Pending {
  resolve(result: WireResult | WireResult[] | null): void;
  reject(error: unknown): void;
}

/** A row as @libsql/client builds it: values by index (not enumerable) and by column name. */
function toRow(values: Value[], columns: string[]): Row {
  const row = {} as Row;
  Object.defineProperty(row, "length", { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    Object.defineProperty(row, i, { value });
    const column = columns[i]!;
    if (!Object.hasOwn(row, column))
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
  }
  return row;
}

function toResultSet(wire: WireResult): ResultSet {
  const rows = wire.rows.map((values) => toRow(values, wire.columns));
  return {
    columns: wire.columns,
    columnTypes: wire.columnTypes,
    rows,
    rowsAffected: wire.rowsAffected,
    lastInsertRowid: wire.lastInsertRowid,
    toJSON: () => ({
      columns: wire.columns,
      columnTypes: wire.columnTypes,
      rows: wire.rows,
      rowsAffected: wire.rowsAffected,
      lastInsertRowid: wire.lastInsertRowid?.toString() ?? null,
    }),
  };
}

function toError(wire: WireError): LibsqlError {
  return new LibsqlError(wire.message, wire.code ?? "UNKNOWN", wire.extendedCode, wire.rawCode);
}

const statement = (stmtOrSql: InStatement, args?: InArgs): InStatement =>
  typeof stmtOrSql === "string" ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;

/**
 * A libSQL client for a local file whose connection lives on its own thread (sql-worker.ts): the
 * native driver runs every statement synchronously, so on the API's thread a write transaction's
 * statements and its commit's fsync block the event loop, and the JavaScript of other requests
 * (HTTP, body parsing, validation, answers) waits for them. Here they run beside it. Requests run
 * on the worker in the order they are made; errors keep their SQLite code (isBusyError reads it).
 */
export class WorkerClient implements Client {
  readonly protocol = "file";
  closed = false;
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #nextTx = 1;

  constructor(url: string, timeout: number) {
    this.#worker = new Worker(new URL("./sql-worker-boot.mjs", import.meta.url), {
      workerData: { entry: new URL("./sql-worker.ts", import.meta.url).href, url, timeout },
    });
    // Held only while a call waits for its answer: an idle client must not keep the process alive.
    this.#worker.unref();
    this.#worker.on("message", (reply: SqlReply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) this.#worker.unref();
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(toError(reply.error));
    });
    const fail = (error: unknown) => this.#failAll(error);
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => fail(new LibsqlError(`The SQL worker exited (${code})`, "CLIENT_CLOSED")));
  }

  /** Posts one request; resolves with the worker's answer. */
  call(request: Unidentified<SqlRequest>): Promise<WireResult | WireResult[] | null> {
    if (this.closed) return Promise.reject(new LibsqlError("The client is closed", "CLIENT_CLOSED"));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) this.#worker.ref();
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }

  async execute(stmtOrSql: InStatement, args?: InArgs): Promise<ResultSet> {
    return toResultSet((await this.call({ op: "execute", stmt: statement(stmtOrSql, args) })) as WireResult);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    return ((await this.call({ op: "batch", stmts, ...(mode ? { mode } : {}) })) as WireResult[]).map(toResultSet);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return ((await this.call({ op: "migrate", stmts })) as WireResult[]).map(toResultSet);
  }

  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    const tx = this.#nextTx++;
    await this.call({ op: "begin", tx, mode });
    return new WorkerTransaction(this, tx);
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.call({ op: "executeMultiple", sql });
  }

  async sync(): Promise<Replicated> {
    return undefined;
  }

  reconnect(): void {
    throw new LibsqlError("A worker client cannot reconnect; open a new one", "CLIENT_CLOSED");
  }

  /** Stops the worker (its connection closes with it; an open transaction rolls back). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.#worker.terminate();
    this.#failAll(new LibsqlError("The client is closed", "CLIENT_CLOSED"));
  }

  #failAll(error: unknown): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    this.closed = true;
    for (const call of pending) call.reject(error);
  }
}

/** A transaction on the worker's connection (BEGIN there; every statement of it runs there). */
class WorkerTransaction implements Transaction {
  closed = false;

  constructor(
    private readonly client: WorkerClient,
    private readonly tx: number,
  ) {}

  async execute(stmt: InStatement): Promise<ResultSet> {
    this.#checkOpen();
    return toResultSet((await this.client.call({ op: "execute", tx: this.tx, stmt })) as WireResult);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#checkOpen();
    return ((await this.client.call({ op: "batch", tx: this.tx, stmts })) as WireResult[]).map(toResultSet);
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#checkOpen();
    await this.client.call({ op: "executeMultiple", tx: this.tx, sql });
  }

  async commit(): Promise<void> {
    this.#checkOpen();
    this.closed = true;
    await this.client.call({ op: "commit", tx: this.tx });
  }

  async rollback(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.call({ op: "rollback", tx: this.tx });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.client.call({ op: "close", tx: this.tx }).catch(() => {});
  }

  #checkOpen(): void {
    if (this.closed) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
  }
}
