import { z } from "zod";

/** The id of the Chrome build of the extension (its manifest key, apps/extension/wxt.config.ts). */
export const LEADPANE_EXTENSION_ID = "omcdplgihnplfogobikcfonfmkidmlbd";

/** The API's configuration, read from the environment in this one place. */
export const EnvSchema = z.object({
  LEADPANE_DB_URL: z.string().min(1).default("file:data/leadpane.db"),
  LEADPANE_DB_AUTH_TOKEN: z.string().optional(),
  LEADPANE_SIGNUP: z.enum(["open", "closed"]).default("open"),
  /** Extra allowed CORS origins (comma-separated) besides the extension's own. */
  LEADPANE_CORS_ORIGINS: z.string().default(""),
  /**
   * The extension ids allowed to call the API from the browser (comma-separated): Chrome ids (32
   * letters a–p) and Firefox's per-install UUIDs. The default is the id the extension's fixed
   * manifest key gives every unpacked Chrome build; add the Web Store's id for store installs.
   */
  LEADPANE_EXTENSION_IDS: z.string().default(LEADPANE_EXTENSION_ID),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default("127.0.0.1"),
  /** Request logs: `json` lines on stdout, or `off`. */
  LEADPANE_LOG: z.enum(["json", "off"]).default("json"),
  /**
   * Requests per minute one device token may make (bursts up to the same number); 0 turns it off.
   * Budgets live in each process's memory: N API processes allow N times the budget.
   */
  LEADPANE_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(0).default(1200),
  /** Requests per minute from one client IP address (an office behind one NAT shares it); 0 turns it off. */
  LEADPANE_RATE_LIMIT_PER_IP: z.coerce.number().int().min(0).default(3000),
  /**
   * Failed sign-ins (bad tokens, invite codes, setup tokens) per IP address per 15 minutes before
   * 429; 0 turns it off.
   */
  LEADPANE_AUTH_FAILURES_PER_IP: z.coerce.number().int().min(0).default(30),
  /** The API's public address, for the calendar feed URLs it hands out (default: the request's own origin). */
  LEADPANE_PUBLIC_URL: z.url().optional(),
  /** How many reverse proxies in front of the API append to X-Forwarded-For (0: use the socket's address). */
  LEADPANE_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /**
   * Hosts and addresses webhooks may be sent to although they are private (comma-separated host
   * names, IP addresses or CIDR ranges), for self-hosting next to the receiver and for tests.
   */
  LEADPANE_WEBHOOK_ALLOW_HOSTS: z.string().default(""),
  /** How often the delivery worker looks for due webhook deliveries (ms). */
  LEADPANE_WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** The first retry's delay (ms); each next one doubles, with jitter, up to an hour. */
  LEADPANE_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  /** How long a delivery is retried before it is given up (ms): 24 hours. */
  LEADPANE_WEBHOOK_RETRY_FOR_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 3_600_000),
  /** A delivery attempt's timeout (ms). */
  LEADPANE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(5000),
  /** An endpoint failing without a single success this long is turned off (ms): 5 days. */
  LEADPANE_WEBHOOK_DISABLE_AFTER_MS: z.coerce
    .number()
    .int()
    .min(1)
    .default(5 * 86_400_000),
  /** Finished deliveries (delivered, or failed for good) older than this many days are pruned from the log. */
  LEADPANE_WEBHOOK_RETAIN_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});
export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; exits with a readable message when it is invalid. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
