import { createHash } from "node:crypto";
import { FieldScores } from "./score.ts";

/**
 * The development part and the held-back part of a split corpus.
 *
 * Extractor rules may be tried against the development part; the held-back part only ever reports a
 * score, and that score is the headline. Membership is fixed by the case's key alone (never by its
 * content or by how the extractor does on it), so it cannot drift as the extractor changes.
 */
export type Part = "dev" | "held";

export const PARTS: readonly Part[] = ["held", "dev"];

export const PART_LABEL: Record<Part, string> = { held: "held-back", dev: "development" };

/** Share of keys held back, in percent. */
export const HELD_BACK_PERCENT = 30;

/** The part a key falls in: the first 32 bits of SHA-256 of the key, modulo 100; below 30 is held back. */
export function partOf(key: string): Part {
  const bucket = createHash("sha256").update(key, "utf8").digest().readUInt32BE(0) % 100;
  return bucket < HELD_BACK_PERCENT ? "held" : "dev";
}

/** Field scores of a split family: each case lands in the part of its key. */
export class SplitScores {
  readonly dev = new FieldScores();
  readonly held = new FieldScores();

  add(key: string, id: string, expected: Iterable<string>, predicted: Iterable<string>): void {
    this[partOf(key)].add(id, expected, predicted);
  }
}
