import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EnvSchema, LEADPANE_EXTENSION_ID } from "./env.ts";

describe("the extension id CORS allows by default", () => {
  it("is the id the extension's manifest key gives its Chrome build", () => {
    const config = readFileSync(fileURLToPath(new URL("../../extension/wxt.config.ts", import.meta.url)), "utf8");
    const key = /const CHROME_KEY =\s*"([A-Za-z0-9+/=]+)"/.exec(config)?.[1];
    expect(key, "CHROME_KEY in apps/extension/wxt.config.ts").toBeTruthy();
    // Chrome's id: the first 128 bits of the SHA-256 of the public key, each hex digit as a letter a–p.
    const hex = createHash("sha256").update(Buffer.from(key!, "base64")).digest("hex").slice(0, 32);
    const id = [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join("");
    expect(id).toBe(LEADPANE_EXTENSION_ID);
    expect(EnvSchema.parse({}).LEADPANE_EXTENSION_IDS).toBe(id);
  });
});
