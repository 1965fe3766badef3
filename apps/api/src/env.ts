import { z } from "zod";

/** The API's configuration, read from the environment in this one place. */
export const EnvSchema = z.object({
  LEADPANE_DB_URL: z.string().min(1).default("file:data/leadpane.db"),
  LEADPANE_DB_AUTH_TOKEN: z.string().optional(),
  LEADPANE_SIGNUP: z.enum(["open", "closed"]).default("open"),
  /** Extra allowed CORS origins (comma-separated) besides chrome-extension:// and moz-extension://. */
  LEADPANE_CORS_ORIGINS: z.string().default(""),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default("127.0.0.1"),
  /** Request logs: `json` lines on stdout, or `off`. */
  LEADPANE_LOG: z.enum(["json", "off"]).default("json"),
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
