import { ERROR_CODES } from "@leadpane/domain";
import { apiFor } from "../api.ts";

/** A server address as typed, made usable, or why it cannot be. */
export type ServerAddress = { ok: true; url: string; addedScheme: boolean } | { ok: false; message: string };

/** What a check of the server found, in words for the person who typed its address. */
export interface ServerCheck {
  ok: boolean;
  message: string;
}

const EXAMPLE = "http://127.0.0.1:8787";

/** Hosts on this computer or its local network: a Leadpane there is usually `npm start`, over plain http. */
function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host === "::1" ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2\d|3[01])\./.test(host) ||
    host === "0.0.0.0"
  );
}

/**
 * The server address the person typed, trimmed and without a trailing slash. Without a scheme it
 * gets one (http:// for this computer and the local network, https:// elsewhere) rather than an
 * error: "127.0.0.1:8787" plainly means the local server.
 */
export function normalizeServerUrl(typed: string): ServerAddress {
  const text = typed.trim();
  if (!text) return { ok: false, message: `Enter the server's address, like ${EXAMPLE}` };
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (hasScheme && !/^https?:\/\//i.test(text))
    return { ok: false, message: `The address must start with http:// or https:// (like ${EXAMPLE})` };
  let candidate = text;
  if (!hasScheme) {
    const host = text.split(/[/:]/)[0] ?? "";
    candidate = `${isLocalHost(host) ? "http" : "https"}://${text}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return { ok: false, message: `“${text}” is not a web address: use one like ${EXAMPLE}` };
  }
  if (!parsed.hostname || /\s/.test(text))
    return { ok: false, message: `“${text}” is not a web address: use one like ${EXAMPLE}` };
  // The API's own paths (/v1, /v1/openapi.json) are not part of the server's address: the client adds them.
  const path = parsed.pathname.replace(/\/v1(\/.*)?$/, "");
  const url = `${parsed.origin}${path}`.replace(/\/+$/, "");
  return { ok: true, url, addedScheme: !hasScheme };
}

/** host:port as people write it (the port only when the address names one). */
function where(url: string): string {
  return new URL(url).host;
}

/**
 * Why nothing answered at `url`. A browser tells no more than "Failed to fetch", so this reads what
 * the address itself says: offline, a name that cannot exist on the internet, this computer or
 * the local network (then nothing listens there), or a remote name (unknown, down or blocked).
 */
export function describeUnreachable(url: string, online: boolean): string {
  const { hostname } = new URL(url);
  if (!online) return "This computer is offline: connect to the network and try again";
  if (isLocalHost(hostname)) return `Nothing answers at ${where(url)} — is the server running?`;
  if (!hostname.includes(".") && !hostname.includes(":"))
    return `No server is known by the name “${hostname}”: check the spelling of the address`;
  return `Could not reach ${where(url)}: check the spelling of the address, and that the Leadpane server runs there and is reachable from this computer`;
}

/**
 * What an answer to `GET /v1/me` without a token says about the server: a Leadpane server refuses
 * it with its own JSON error (401 `unauthorized`); anything else is some other program or site.
 */
export function describeAnswer(url: string, status: number, contentType: string, body: string): ServerCheck {
  let code: unknown;
  try {
    code = (JSON.parse(body) as { error?: { code?: unknown } })?.error?.code;
  } catch {
    code = undefined;
  }
  if (status === 401 && code === ERROR_CODES.unauthorized)
    return { ok: true, message: `Connected: a Leadpane server answers at ${where(url)}` };
  const what = contentType.includes("html")
    ? "it sent a web page"
    : code !== undefined || contentType.includes("json")
      ? `it answered HTTP ${status} in another format`
      : `it answered HTTP ${status}`;
  return {
    ok: false,
    message: `Something answers at ${where(url)}, but it is not a Leadpane server (${what}). Check the address and port: use the one npm start printed`,
  };
}

/**
 * Checks that a Leadpane server answers at the typed address ("Test connection", and the reason a
 * sign-in failed): asks `GET /v1/me` without a token and reads who answered.
 */
export async function checkServer(
  typed: string,
  online: boolean = globalThis.navigator?.onLine ?? true,
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Promise<ServerCheck & { url?: string }> {
  const address = normalizeServerUrl(typed);
  if (!address.ok) return { ok: false, message: address.message };
  let response: Response;
  try {
    response = await apiFor(address.url, undefined, fetchImpl).v1.me.$get(undefined, {
      init: { signal: AbortSignal.timeout(10_000) },
    });
  } catch (error) {
    if ((error as Error)?.name === "TimeoutError")
      return { ok: false, message: `${where(address.url)} did not answer within 10 seconds: is it the right address?` };
    return { ok: false, message: describeUnreachable(address.url, online) };
  }
  const body = await response.text().catch(() => "");
  const check = describeAnswer(address.url, response.status, response.headers.get("content-type") ?? "", body);
  return { ...check, url: address.url };
}
