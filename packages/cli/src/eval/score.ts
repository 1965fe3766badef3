import { foldName } from "@leadpane/domain/normalize";

/** True/false positive and false negative counts of one field. */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

/** Precision, recall and F1 of a tally; a field with nothing expected and nothing found scores 1. */
export function prf(t: Tally): { precision: number; recall: number; f1: number } {
  const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
  const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Per-field tallies of one family of cases. */
export class FieldScores {
  readonly fields = new Map<string, Tally>();
  /** Cases where something was missed or invented, for debugging: case id and the differences. */
  readonly misses: Array<{ id: string; missing: string[]; extra: string[] }> = [];
  /** Number of cases added. */
  cases = 0;

  /** Compare expected and predicted `field|key|value` tuples of one case. */
  add(id: string, expected: Iterable<string>, predicted: Iterable<string>): void {
    this.cases++;
    const exp = new Set(expected);
    const pred = new Set(predicted);
    const missing: string[] = [];
    const extra: string[] = [];
    for (const tuple of new Set([...exp, ...pred])) {
      const field = tuple.slice(0, tuple.indexOf("|"));
      const tally = this.fields.get(field) ?? { tp: 0, fp: 0, fn: 0 };
      this.fields.set(field, tally);
      if (exp.has(tuple) && pred.has(tuple)) tally.tp++;
      else if (exp.has(tuple)) {
        tally.fn++;
        missing.push(tuple);
      } else {
        tally.fp++;
        extra.push(tuple);
      }
    }
    if (missing.length || extra.length) this.misses.push({ id, missing, extra });
  }

  /** All fields summed: the family's micro-averaged score. */
  total(): Tally {
    const sum: Tally = { tp: 0, fp: 0, fn: 0 };
    for (const t of this.fields.values()) {
      sum.tp += t.tp;
      sum.fp += t.fp;
      sum.fn += t.fn;
    }
    return sum;
  }
}

/** Comparable forms of values, applied to expected and predicted alike. */
export const norm = {
  text: (v: string): string => foldName(v),
  email: (v: string): string =>
    v
      .trim()
      .toLowerCase()
      .replace(/^mailto:/, "")
      .split("?")[0]!,
  // Phones compare by their last ten digits: E.164 and the written national form must meet. An extension
  // ("ext. 231", "x231", ";ext=231") is left out on both sides: labels differ on whether it is part of the number.
  phone: (v: string): string =>
    v
      .replace(/\s*(?:;\s*ext=|\bext\.?|\bextension|\bx)\s*\d{1,8}\s*$/i, "")
      .replace(/\D/g, "")
      .slice(-10),
  url: (v: string): string =>
    v
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, "")
      .replace(/^www\./, "")
      .replace(/\/+$/, ""),
};
