import type { IncomingMessage } from "node:http";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";

const utf8 = new TextDecoder();

/** Hono keeps each reading of a body as a promise under its reader's name (its `BodyCache` type says methods). */
type BodyReadings = { text?: Promise<string>; arrayBuffer?: Promise<ArrayBuffer> };

/**
 * Reads a request's body, refusing one larger than `maxBytes` with `tooLarge` (from its
 * Content-Length before reading, else as soon as it grows past the limit). Under @hono/node-server
 * it reads the Node request itself and hands Hono the text (a JSON body) or the bytes, which the
 * routes' `c.req.json()` and validators then read from Hono's body cache: Hono's `bodyLimit`, and
 * reading a body, go through a web `Request` built for every request (undici's Request, its Headers
 * and a web stream over the Node stream), about 2.5% of a push's server CPU. Anywhere else (an
 * in-process `app.request`) it is Hono's `bodyLimit`.
 */
export function readBody(maxBytes: number, tooLarge: () => never) {
  const fallback = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return createMiddleware(async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming || typeof incoming.on !== "function" || incoming.readableEnded) return fallback(c, next);
    // As @hono/node-server: a GET or HEAD request has no body for the routes.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const announced = incoming.headers["content-length"];
    if (announced !== undefined && !incoming.headers["transfer-encoding"] && Number.parseInt(announced, 10) > maxBytes)
      tooLarge();
    const bytes = await readAll(incoming, maxBytes, tooLarge);
    const readings = c.req.bodyCache as unknown as BodyReadings;
    if (/json/i.test(incoming.headers["content-type"] ?? "")) readings.text = Promise.resolve(utf8.decode(bytes));
    // A copy: a small Buffer lies in Node's shared pool, whose other bytes are not this body's.
    else readings.arrayBuffer = Promise.resolve(new Uint8Array(bytes).buffer);
    return next();
  });
}

/** The whole body, or the `tooLarge` error once it passes `maxBytes` (the rest is left unread). */
function readAll(incoming: IncomingMessage, maxBytes: number, tooLarge: () => never): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: unknown) => {
      incoming.off("data", onData);
      incoming.pause();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      try {
        tooLarge();
      } catch (error) {
        stop(error);
      }
    };
    incoming.on("data", onData);
    incoming.once("end", () => resolve(Buffer.concat(chunks, size)));
    incoming.once("error", reject);
    // A client that hangs up mid-body: nothing will come (no "end"); the request fails here.
    incoming.once("close", () => {
      if (!incoming.complete) reject(new Error("The request was aborted before its body arrived"));
    });
  });
}
