import { plainErrors } from "@leadpane/domain";

type ZodFailure = Parameters<typeof plainErrors>[0];

// zod's and the platform's own wording: for developers, never for a rep's screen.
const RAW = /too (small|big)|expected|invalid input|invalid (email|url|type|string)|>=|<=|zod|undefined|null|\[object/i;

/**
 * What went wrong, in words a rep can act on: a validation failure's first problem in plain words,
 * a network failure as such, a message already meant for people as it is; anything else (a raw
 * zod or runtime message) as `fallback`.
 */
export function plainFailure(error: unknown, fallback: string): string {
  if (isZodError(error)) return Object.values(plainErrors(error))[0] ?? fallback;
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  if (!message) return fallback;
  if (/failed to fetch|networkerror|load failed/i.test(message)) return "Could not reach the server";
  return RAW.test(message) ? fallback : message;
}

function isZodError(error: unknown): error is ZodFailure {
  return (
    typeof error === "object" &&
    error !== null &&
    Array.isArray((error as { issues?: unknown }).issues) &&
    (error as { name?: unknown }).name === "ZodError"
  );
}
