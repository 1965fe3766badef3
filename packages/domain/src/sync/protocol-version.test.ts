import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { MUTATION_ARGS } from "../mutations/registry.ts";
import {
  PokeQuerySchema,
  PokeReadySchema,
  PokeSchema,
  POKE_EVENTS,
  PROTOCOL_VERSION,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
} from "./protocol.ts";

/**
 * The wire of each protocol version: the hash of its message schemas (`wireHash`). Append only: a
 * released version's entry never changes, since clients that speak it are out there.
 */
const WIRE_HASHES: Record<number, string> = {
  1: "831ca195af83ed3b",
  2: "84b20aa5105f5af6",
  3: "96f6df51cfb00c10",
  4: "439d0e54eafc2ca1",
};

const PROTOCOL_FILE = new URL("./protocol-version.ts", import.meta.url);
const DOC_FILE = new URL("../../../../docs/sync-protocol.md", import.meta.url);

/** JSON Schema of what a client sends (as the server accepts it) or receives (as the server sends it). */
const sent = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input" });
const received = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "output" });

/** Everything that travels between a client and the server, as JSON Schema. */
function wire() {
  return {
    push: { request: sent(PushRequestSchema), response: received(PushResponseSchema) },
    pull: { request: sent(PullQuerySchema), response: received(PullResponseSchema) },
    poke: {
      request: sent(PokeQuerySchema),
      events: POKE_EVENTS,
      ready: received(PokeReadySchema),
      poke: received(PokeSchema),
    },
    mutations: Object.fromEntries(Object.entries(MUTATION_ARGS).map(([name, schema]) => [name, sent(schema)])),
  };
}

/**
 * JSON with sorted keys, and sorted `required` and `enum` lists: declaring the same fields or
 * values in another order is the same wire.
 */
function stableStringify(value: unknown, key?: string): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => stableStringify(item));
    return `[${(key === "required" || key === "enum" ? items.sort() : items).join(",")}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v, k)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The hash of the current message schemas. */
function wireHash(): string {
  return createHash("sha256").update(stableStringify(wire())).digest("hex").slice(0, 16);
}

/** The Versioning section of docs/sync-protocol.md. */
function versioningSection(): string {
  const doc = readFileSync(DOC_FILE, "utf8");
  return doc.slice(doc.indexOf("## Versioning"), doc.indexOf("\n## ", doc.indexOf("## Versioning") + 1));
}

describe("the sync protocol's version", () => {
  it("names the message schemas as they are", () => {
    const hash = wireHash();
    const pinned = WIRE_HASHES[PROTOCOL_VERSION];
    const next = PROTOCOL_VERSION + 1;
    const message =
      pinned === undefined
        ? `PROTOCOL_VERSION is ${PROTOCOL_VERSION}, which WIRE_HASHES does ` +
          `not pin: add ${PROTOCOL_VERSION}: "${hash}" to it in this file.`
        : [
            `The sync protocol's wire changed: its message schemas hash to ` +
              `${hash}, but version ${PROTOCOL_VERSION} was pinned as ${pinned}.`,
            `Clients and servers that speak version ${PROTOCOL_VERSION} ` +
              `exist and would misread the new messages. If the change is meant:`,
            `  1. set PROTOCOL_VERSION to ${next} in packages/domain/src/sync/protocol.ts ` +
              `and add "- ${next}: <what changed>" to its History;`,
            `  2. add "- ${next} — <what changed>" to the Versioning section of docs/sync-protocol.md;`,
            `  3. add ${next}: "${hash}" to WIRE_HASHES in this file, ` +
              `leaving version ${PROTOCOL_VERSION}'s entry as it is.`,
            "If it is not meant, undo the schema change.",
          ].join("\n");
    expect(hash, message).toBe(pinned);
  });

  it("has one pinned wire and one history line, in the code and in the docs, for each version", () => {
    const versions = Array.from({ length: PROTOCOL_VERSION }, (_, i) => i + 1);
    expect(Object.keys(WIRE_HASHES).map(Number), "WIRE_HASHES holds exactly the versions 1…PROTOCOL_VERSION").toEqual(
      versions,
    );
    const history = readFileSync(PROTOCOL_FILE, "utf8");
    const docs = versioningSection();
    expect(docs, `docs/sync-protocol.md's Versioning section names the current version`).toContain(
      `(now ${PROTOCOL_VERSION})`,
    );
    for (const version of versions) {
      expect(history, `protocol-version.ts's History has a line for version ${version}`).toMatch(
        new RegExp(`^ \\* - ${version}: \\S`, "m"),
      );
      expect(docs, `docs/sync-protocol.md's Versioning section has a line for version ${version}`).toMatch(
        new RegExp(`^- ${version} — \\S`, "m"),
      );
    }
  });
});
