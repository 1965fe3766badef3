import {
  Agent,
  createServer,
  request as upstreamRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { PushRequest, PushResponse } from "@leadpane/domain/sync";

/**
 * A plain HTTP proxy between test clients and the API process, which can lose the answer to a
 * push the way a crash does: the API commits a push and answers, the process is SIGKILLed before
 * the answer reaches the client, and the client only sees its connection die.
 *
 * The API answers a push only after the transaction that applied it committed
 * (docs/sync-protocol.md), so an answer that reached the proxy proves the commit; holding it back
 * while the process is killed puts the kill in the window between commit and acknowledgement
 * every time, where random kills land in it only by luck. Everything else passes through as it is;
 * when the API dies under a request, the client's connection is closed without an answer, as a
 * direct connection would be.
 */
export interface AnswerProxy {
  url: string;
  /**
   * Arms the proxy: the next push the API answers 200 with at least one mutation `applied` is
   * withheld; `kill` runs (SIGKILL of the API); then the client's connection is destroyed. Resolves
   * with what the client never saw.
   */
  loseNextPushAnswer(kill: () => Promise<void>, timeoutMs?: number): Promise<WithheldAnswer>;
  /** Gives up waiting to lose an answer (the promise then never settles). */
  disarm(): void;
  close(): Promise<void>;
}

/** A push whose answer the proxy withheld: the server committed it, the client does not know. */
export interface WithheldAnswer {
  clientId: string;
  mutationIds: number[];
  answer: PushResponse;
}

interface Armed {
  kill: () => Promise<void>;
  timer: NodeJS.Timeout;
  resolve(withheld: WithheldAnswer): void;
  reject(error: unknown): void;
}

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "host",
  "proxy-connection",
  "upgrade",
]);

function forwardable(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
}

/** Starts a proxy on a free loopback port that forwards to `target` (e.g. the API's url). */
export async function startAnswerProxy(target: string): Promise<AnswerProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let armed: Armed | null = null;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", () => res.destroy());
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      // The API died (or was never there) under this request: the client sees its connection drop.
      const drop = () => req.socket.destroy();
      const isPush = req.method === "POST" && !!req.url?.startsWith("/v1/sync/push");
      const out = upstreamRequest(
        {
          agent,
          hostname: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...forwardable(req.headers), "content-length": String(body.length) },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => parts.push(chunk));
          answer.on("error", drop);
          answer.on("aborted", drop);
          answer.on("end", () => {
            if (!answer.complete) return drop();
            const text = Buffer.concat(parts);
            const status = answer.statusCode ?? 502;
            if (armed && isPush && status === 200) {
              const pushed = JSON.parse(body.toString("utf8")) as PushRequest;
              const parsed = JSON.parse(text.toString("utf8")) as PushResponse;
              if (parsed.results.some((r) => r.status === "applied")) {
                const taken = armed;
                armed = null;
                void taken
                  .kill()
                  .then(() => {
                    drop();
                    taken.resolve({
                      clientId: pushed.clientId,
                      mutationIds: pushed.mutations.map((m) => m.id),
                      answer: parsed,
                    });
                  })
                  .catch((error: unknown) => {
                    drop();
                    taken.reject(error);
                  });
                return;
              }
            }
            if (res.destroyed) return;
            res.writeHead(status, { ...forwardable(answer.headers), "content-length": String(text.length) });
            res.end(text);
          });
        },
      );
      out.on("error", drop);
      out.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const disarm = () => {
    if (armed) clearTimeout(armed.timer);
    armed = null;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    loseNextPushAnswer(kill, timeoutMs = 30_000) {
      if (armed) throw new Error("the proxy is already waiting to lose an answer");
      return new Promise<WithheldAnswer>((resolve, reject) => {
        const timer = setTimeout(() => {
          if (armed === entry) armed = null;
          reject(new Error(`no push was answered within ${timeoutMs} ms`));
        }, timeoutMs);
        const entry: Armed = {
          kill,
          timer,
          resolve: (withheld) => {
            clearTimeout(timer);
            resolve(withheld);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        armed = entry;
      });
    },
    disarm,
    async close() {
      disarm();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
