import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request a test receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers a request: a status (and optional headers), or `hang` (never answers). */
type Answer = { status: number; headers?: Record<string, string> } | "hang";

/** A webhook receiver on a loopback port that records every request and answers as the test says. */
export interface TestReceiver {
  url: string;
  port: number;
  received: Received[];
  /** The next answers, in order; once used up, 200. */
  answers: Answer[];
  /** Answers every hanging request with 200 and stops hanging. */
  release(): void;
  close(): Promise<void>;
}

/** Starts a receiver listening on `host` (a loopback address). */
export async function startReceiver(host = "127.0.0.1"): Promise<TestReceiver> {
  const hanging: ServerResponse[] = [];
  const receiver: TestReceiver = {
    url: "",
    port: 0,
    received: [],
    answers: [],
    release() {
      receiver.answers = [];
      for (const response of hanging.splice(0)) response.writeHead(200).end("ok");
    },
    close: () =>
      new Promise<void>((resolve) => {
        receiver.release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      receiver.received.push({ headers: request.headers, body });
      const answer = receiver.answers.shift() ?? { status: 200 };
      if (answer === "hang") hanging.push(response);
      else response.writeHead(answer.status, answer.headers ?? {}).end(`answer ${answer.status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://${host}:${receiver.port}/hook`;
  return receiver;
}

/** Polls `check` until it returns something truthy (generous: the machine may be loaded). */
export async function eventually<T>(
  check: () => T | Promise<T>,
  what: string | (() => string),
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
