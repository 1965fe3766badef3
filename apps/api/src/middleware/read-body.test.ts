import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../app.ts";
import { http, signUp, startTestServer, type TestServer } from "../testing/server.ts";
import { UNLIMITED } from "../testing/team.ts";

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
  token = (await signUp(server.url)).token;
});
afterAll(async () => server.close());

/**
 * POSTs `chunks` as a chunked body (no Content-Length, so the size is known only while reading),
 * each chunk written on its own turn; resolves with the answer.
 */
function postChunked(path: string, chunks: Buffer[]): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}${path}`,
      { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        });
      },
    );
    // The server may answer (413) and close before the whole body is sent.
    req.on("error", (error) => (/hang up|EPIPE|ECONNRESET/.test(error.message) ? undefined : reject(error)));
    const send = (i: number) => {
      if (i === chunks.length) return void req.end();
      req.write(chunks[i], () => setImmediate(() => send(i + 1)));
    };
    send(0);
  });
}

const leadNames = async () =>
  ((await http(server.url, token)("GET", "/v1/leads?limit=100")).body.items as Array<{ name: string }>).map(
    (lead) => lead.name,
  );

describe("request bodies read from the Node request", () => {
  it("refuse a chunked body once it grows past the limit (413), storing nothing", async () => {
    const filler = "x".repeat(256 * 1024);
    const chunks = [Buffer.from(`{"name":"Too big","title":"`)];
    for (let size = 0; size <= MAX_BODY_BYTES; size += filler.length) chunks.push(Buffer.from(filler));
    chunks.push(Buffer.from(`"}`));
    const answer = await postChunked("/v1/leads", chunks);
    expect(answer).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
    expect(await leadNames()).not.toContain("Too big");
  });

  it("put a chunked body back together byte for byte, a character split between chunks included", async () => {
    const name = "Zoë Ærøskøbing 日本 🚀";
    const bytes = Buffer.from(JSON.stringify({ name }));
    // Cut inside the multi-byte characters: at every third byte.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) => bytes.subarray(i * 3, i * 3 + 3));
    const answer = await postChunked("/v1/leads", chunks);
    expect(answer.status).toBe(201);
    expect(await leadNames()).toContain(name);
  });

  it("read a JSON body that starts with a byte order mark, as a web Request's text() does", async () => {
    const answer = await postChunked("/v1/leads", [Buffer.from(`\uFEFF${JSON.stringify({ name: "With a BOM" })}`)]);
    expect(answer.status).toBe(201);
    expect(await leadNames()).toContain("With a BOM");
  });
});
