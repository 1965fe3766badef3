import { scoreFixtureFamilies } from "./families.ts";
import { scoreHCard } from "./hcard.ts";
import { scoreQuotes, type SplitAccuracy } from "./quotes.ts";
import { scoreSchemaOrg } from "./schema-org.ts";
import { prf, type FieldScores, type Tally } from "./score.ts";
import { scoreEnronSignatures, scoreSignatureBlocks } from "./signatures.ts";
import { PART_LABEL, PARTS, type Part, type SplitScores } from "./split.ts";

/** Scores of one family, or of one part of a split family: per-field tallies and the micro-averaged total. */
export interface PartReport {
  fields: Record<string, Tally>;
  total: Tally;
  cases: number;
}

/**
 * One family's scores. Structured families and the project's own fixture families are scored whole
 * (`all`); signature families are split, and their `held` part (held-back) is the headline figure, `dev`
 * the one extractor rules may be tried on.
 */
export interface FamilyReport {
  family: string;
  kind: "structured" | "signature" | "fixtures";
  parts: Partial<Record<Part | "all", PartReport>>;
}

/** The whole evaluation: field scores per family and quote-removal accuracy per set and part. */
export interface EvalReport {
  families: FamilyReport[];
  quotes: Record<string, SplitAccuracy>;
}

function partReport(scores: FieldScores): PartReport {
  return { fields: Object.fromEntries(scores.fields), total: scores.total(), cases: scores.cases };
}

function whole(name: string, scores: FieldScores): FamilyReport {
  return { family: name, kind: "structured", parts: { all: partReport(scores) } };
}

function split(name: string, scores: SplitScores): FamilyReport {
  return { family: name, kind: "signature", parts: { held: partReport(scores.held), dev: partReport(scores.dev) } };
}

/** Run every scorer over the corpus. */
export async function runEval(corpus: string): Promise<EvalReport> {
  const hcard = scoreHCard(corpus);
  const { jsonLd, microdata } = scoreSchemaOrg(corpus);
  const enron = scoreEnronSignatures(corpus);
  const blocks = scoreSignatureBlocks(corpus);
  const fixtures = await scoreFixtureFamilies();
  return {
    families: [
      whole("h-card (microformats suite)", hcard),
      whole("json-ld (schema.org, extruct)", jsonLd),
      whole("microdata (schema.org, extruct)", microdata),
      split("signature fields (Enron, sender's own)", enron),
      split("signature block (talon)", blocks.lines),
      ...fixtures.map(
        ([name, scores]): FamilyReport => ({ family: name, kind: "fixtures", parts: { all: partReport(scores) } }),
      ),
    ],
    quotes: await scoreQuotes(corpus),
  };
}

/** The headline scores of a family: its held-back part when split, else the whole. */
export function headline(family: FamilyReport): PartReport {
  return (family.parts.held ?? family.parts.all)!;
}

const pct = (n: number): string => n.toFixed(3);

/**
 * The report as a plain-text table: precision, recall and F1 per field and per family (held-back
 * part first), then quote removal per set and part.
 */
export function formatReport(report: EvalReport): string {
  const rows: string[][] = [["family", "part", "cases", "field", "tp", "fp", "fn", "precision", "recall", "F1"]];
  for (const f of report.families) {
    for (const part of ["all", ...PARTS] as const) {
      const r = f.parts[part];
      if (!r) continue;
      const label = part === "all" ? "all" : PART_LABEL[part];
      for (const [field, t] of Object.entries(r.fields).sort()) {
        const s = prf(t);
        rows.push([
          f.family,
          label,
          String(r.cases),
          field,
          String(t.tp),
          String(t.fp),
          String(t.fn),
          pct(s.precision),
          pct(s.recall),
          pct(s.f1),
        ]);
      }
      const s = prf(r.total);
      rows.push([
        f.family,
        label,
        String(r.cases),
        "ALL",
        String(r.total.tp),
        String(r.total.fp),
        String(r.total.fn),
        pct(s.precision),
        pct(s.recall),
        pct(s.f1),
      ]);
      rows.push([]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const left = new Set([0, 1, 3]);
  const lines = rows.map((r) =>
    r.length === 0 ? "" : r.map((c, i) => (left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  "),
  );
  lines.push("quoted-reply removal (exact match, whitespace ignored)");
  for (const [set, parts] of Object.entries(report.quotes)) {
    for (const part of PARTS) {
      const acc = parts[part];
      lines.push(
        `  ${set.padEnd(24)} ${PART_LABEL[part].padEnd(12)} ${String(acc.hit).padStart(3)}` +
          `/${String(acc.total).padEnd(3)} ${pct(acc.total ? acc.hit / acc.total : 1)}`,
      );
    }
  }
  return lines.join("\n");
}
