import { createHash, randomBytes } from "node:crypto";

/** A new device token: shown once to its owner, stored only as its hash. */
export function newToken(): string {
  return `lp_${randomBytes(32).toString("base64url")}`;
}

/** How an API key starts, so the credential's kind is known before any lookup. */
export const API_KEY_PREFIX = "lpk_";

/** A new API key: shown once to whoever made it, stored only as its hash. */
export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** A new calendar feed secret: the whole credential of a feed URL, so as long as a token. */
export function newFeedSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A new invite code, easy to read aloud and type: 12 characters in groups of four. */
export function newInviteCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(12);
  let code = "";
  for (let i = 0; i < 12; i++) code += alphabet[bytes[i]! % alphabet.length];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** The normalized form of an invite code as typed (case and dashes do not matter). */
export function normalizeInviteCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

/** SHA-256 of a secret, hex: what the database keeps. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
