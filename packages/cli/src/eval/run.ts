import { scoreHCard } from "./hcard.ts";
import { scoreQuotes, type Accuracy } from "./quotes.ts";
import { scoreSchemaOrg } from "./schema-org.ts";
import { prf, type FieldScores, type Tally } from "./score.ts";
import { scoreEnronSignatures, scoreSignatureBlocks } from "./signatures.ts";

/** One family's scores: per-field tallies and the micro-averaged total. */
export interface FamilyReport {
  family: string;
  kind: "structured" | "signature" | "quotes";
  fields: Record<string, Tally>;
  total: Tally;
  cases: number;
}

/** The whole evaluation: field scores per family and quote-removal accuracy per set. */
export interface EvalReport {
  families: FamilyReport[];
  quotes: Record<string, Accuracy>;
}

function family(name: string, kind: FamilyReport["kind"], scores: FieldScores, cases: number): FamilyReport {
  return { family: name, kind, fields: Object.fromEntries(scores.fields), total: scores.total(), cases };
}

/** Run every scorer over the corpus. */
export async function runEval(corpus: string): Promise<EvalReport> {
  const hcard = scoreHCard(corpus);
  const { jsonLd, microdata } = scoreSchemaOrg(corpus);
  const enron = scoreEnronSignatures(corpus);
  const blocks = scoreSignatureBlocks(corpus);
  const count = (s: FieldScores): number => new Set(s.misses.map((m) => m.id)).size;
  void count;
  return {
    families: [
      family("h-card (microformats suite)", "structured", hcard, 0),
      family("json-ld (schema.org, extruct)", "structured", jsonLd, 0),
      family("microdata (schema.org, extruct)", "structured", microdata, 0),
      family("signature fields (Enron, sender's own)", "signature", enron, 0),
      family("signature block (talon)", "signature", blocks.lines, blocks.exact.total),
    ],
    quotes: await scoreQuotes(corpus),
  };
}

const pct = (n: number): string => n.toFixed(3);

/** The report as a plain-text table: precision, recall and F1 per field and per family. */
export function formatReport(report: EvalReport): string {
  const rows: string[][] = [["family", "field", "tp", "fp", "fn", "precision", "recall", "F1"]];
  for (const f of report.families) {
    for (const [field, t] of Object.entries(f.fields).sort()) {
      const s = prf(t);
      rows.push([f.family, field, String(t.tp), String(t.fp), String(t.fn), pct(s.precision), pct(s.recall), pct(s.f1)]);
    }
    const s = prf(f.total);
    rows.push([f.family, "ALL", String(f.total.tp), String(f.total.fp), String(f.total.fn), pct(s.precision), pct(s.recall), pct(s.f1)]);
    rows.push([]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const lines = rows.map((r) => (r.length === 0 ? "" : r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ")));
  lines.push("quoted-reply removal (exact match, whitespace ignored)");
  for (const [set, acc] of Object.entries(report.quotes)) {
    lines.push(`  ${set.padEnd(24)} ${String(acc.hit).padStart(3)}/${String(acc.total).padEnd(3)} ${pct(acc.total ? acc.hit / acc.total : 1)}`);
  }
  return lines.join("\n");
}
