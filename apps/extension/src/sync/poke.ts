import { POKE_EVENTS } from "@leadpane/domain/sync";
import { apiForSession } from "../api.ts";
import type { Session } from "../chrome-storage.ts";
import { MAX_RETRY_MS, retryDelay } from "./retry.ts";

/**
 * Holds the server's poke stream (`GET /v1/sync/poke`, server-sent events) open until `signal`
 * aborts, calling `onPoke` whenever the workspace moved past the cookie this replica pulled to.
 * Reconnects with backoff when the stream ends or fails (the server closes it every few minutes;
 * offline, every attempt fails fast), capped short and cut short by the page's `online` event, so
 * a returning network or server is noticed within about 2 s: the first stream that opens after a
 * failure calls `onPoke` too, which pushes what waited. A poke is only a hint: the pull that follows
 * is what syncs.
 * EventSource cannot send the bearer token, hence the typed client's fetch with a streamed body.
 */
export async function listenForPokes(
  session: Session,
  readCookie: () => Promise<number>,
  onPoke: () => void,
  signal: AbortSignal,
): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    try {
      const cookie = await readCookie();
      const response = await apiForSession(session).v1.sync.poke.$get(
        { query: { cookie: String(cookie) } },
        { init: { signal }, headers: { accept: "text/event-stream" } },
      );
      if (!response.ok || !response.body) throw new Error(`poke stream: HTTP ${response.status}`);
      if (failures > 0) onPoke();
      failures = 0;
      await readEvents(response.body, (event) => {
        if (event === POKE_EVENTS.poke) onPoke();
      });
    } catch {
      // Offline, server restarting, or aborted: wait and try again (the loop checks `signal`).
      failures += 1;
    }
    if (signal.aborted) return;
    // A stream the server closed normally reopens after the longest wait; a failed one sooner.
    await pause(failures > 0 ? retryDelay(failures - 1) : MAX_RETRY_MS, signal);
  }
}

/** Waits `ms`, or less when the network comes back (`online`) or `signal` aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      globalThis.removeEventListener?.("online", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    globalThis.addEventListener?.("online", done);
    signal.addEventListener("abort", done);
  });
}

/** Calls `onEvent` with each server-sent event's name until the stream ends. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (event: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: ?(.*)$/m.exec(block)?.[1]?.trim();
      if (name) onEvent(name);
    }
  }
}
