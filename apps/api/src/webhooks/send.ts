import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { Webhook } from "standardwebhooks";
import type { AddressGuard } from "./address-guard.ts";

/** One message to send. */
export interface OutgoingMessage {
  url: string;
  messageId: string;
  payload: string;
  /** The signing secrets (`whsec_…`): the current one, and the previous one during a rotation. */
  secrets: string[];
}

/** What one attempt got: the receiver's status (null when none came) with what it said, or why it failed. */
export interface AttemptResult {
  status: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
}

/** Characters of the receiver's answer kept in the delivery log. */
const EXCERPT_CHARS = 500;

/**
 * Posts one signed message (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`, one signature per secret, space-separated). The address is checked before
 * connecting: IP literals here, names after resolution in the guard's `lookup`, which hands the
 * socket the addresses it checked. Redirects are not followed (a 3xx is a failed attempt, as in
 * Svix): a receiver's redirect could point anywhere, including the private network.
 */
export async function sendMessage(
  message: OutgoingMessage,
  guard: AddressGuard,
  timeoutMs: number,
): Promise<AttemptResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(message.url);
  } catch {
    return { status: null, latencyMs: 0, excerpt: null, error: "not a valid address" };
  }
  const refused = guard.refuseUrl(url);
  if (refused) return { status: null, latencyMs: 0, excerpt: null, error: `Refused: ${refused}` };
  const timestamp = new Date();
  const signatures = message.secrets.map((secret) =>
    new Webhook(secret).sign(message.messageId, timestamp, message.payload),
  );
  const headers = {
    "content-type": "application/json",
    "user-agent": "Leadpane-Webhooks/1",
    "webhook-id": message.messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
    "content-length": String(Buffer.byteLength(message.payload)),
  };
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: elapsed() });
    };
    const req = request(
      url,
      {
        method: "POST",
        headers,
        agent: false,
        // IP literals never reach `lookup`: refuseUrl checked them above.
        ...(isIP(url.hostname.replace(/^\[|\]$/g, "")) ? {} : { lookup: guard.lookup }),
      },
      (response: IncomingMessage) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          if (body.length < EXCERPT_CHARS) body += chunk;
          else response.destroy();
        });
        const done = () =>
          finish({
            status: response.statusCode ?? null,
            excerpt: body.slice(0, EXCERPT_CHARS),
            error: null,
          });
        response.on("end", done);
        response.on("close", done);
        response.on("error", done);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: null, excerpt: null, error: `No answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    req.on("error", (error: Error) =>
      finish({ status: null, excerpt: null, error: error.message || "connection failed" }),
    );
    req.end(message.payload);
  });
}
