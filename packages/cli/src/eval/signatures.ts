import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractSignature, splitSignature, stripQuotedText } from "@leadpane/domain/extract";
import { norm } from "./score.ts";
import { partOf, type Part, SplitScores } from "./split.ts";

interface EnronCase {
  id: string;
  headers: string;
  body: string;
  spans: Array<[number, number, string, string?]>;
}

const SPAN_FIELD: Record<string, string> = {
  "Body/Signature/Name": "name",
  "Body/Signature/Position": "title",
  "Body/Signature/Organisation": "company",
  "Body/Signature/Phone": "phone",
  "Body/Signature/Mail": "email",
};

function header(headers: string, name: string): string | null {
  const match = headers.match(new RegExp(`^${name}:[ \\t]*(.*)$`, "mi"));
  return match?.[1]?.trim() || null;
}

/**
 * Score signature fields on the annotated Enron emails: the sender's own signature spans (those before the
 * first quoted header) against `extractSignature`. Every predicted value that is not a labelled
 * `Body/Signature/*` value of its field counts as a false positive, and every labelled value not predicted
 * as a false negative, whatever else the annotators tagged there (a name after the closing is
 * `Body/Outro/Name`, not a signature name; a span tagged as a phone counts as one as written).
 *
 * Split by sender: the key is the `From` address, so all of one person's messages (and their recurring
 * signature) fall in the same part, and a rule fitted to someone's signature in the development part
 * cannot score on the same signature in the held-back part.
 */
export function scoreEnronSignatures(corpus: string): SplitScores {
  const scores = new SplitScores();
  const file = join(corpus, "03-email-signature-and-quotes", "quagga-enron-detailed", "enron_detailed.jsonl");
  if (!existsSync(file)) return scores;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as EnronCase;
    const quoteAt = Math.min(...c.spans.filter((s) => s[2] === "Header").map((s) => s[0]), c.body.length);
    const expected: string[] = [];
    for (const [start, end, type] of c.spans) {
      if (start >= quoteAt) continue;
      const field = SPAN_FIELD[type];
      if (!field) continue;
      const value = c.body.slice(start, end);
      const normalized =
        field === "phone" ? norm.phone(value) : field === "email" ? norm.email(value) : norm.text(value);
      expected.push(`${field}||${normalized}`);
    }
    const sender = { name: header(c.headers, "X-From"), email: header(c.headers, "From") };
    const sig = extractSignature(c.body, sender);
    const predicted: string[] = [];
    if (sig) {
      if (sig.name) predicted.push(`name||${norm.text(sig.name)}`);
      if (sig.title) predicted.push(`title||${norm.text(sig.title)}`);
      if (sig.company) predicted.push(`company||${norm.text(sig.company)}`);
      for (const p of sig.phones) predicted.push(`phone||${norm.phone(p)}`);
      for (const e of sig.emails) predicted.push(`email||${norm.email(e)}`);
    }
    scores.add((sender.email ?? c.id).toLowerCase(), c.id, expected, predicted);
  }
  return scores;
}

/**
 * Score signature-block detection on talon's labelled bodies and brute-force cases: lines of the block found
 * vs expected (a line counts only at its own position in the block), and whole blocks matched exactly.
 * Split by case name (the labelled body's file name, the brute-force case's id).
 */
export function scoreSignatureBlocks(corpus: string): {
  lines: SplitScores;
  exact: Record<Part, { hit: number; total: number }>;
} {
  const lines = new SplitScores();
  const exact: Record<Part, { hit: number; total: number }> = { dev: { hit: 0, total: 0 }, held: { hit: 0, total: 0 } };
  const base = join(corpus, "03-email-signature-and-quotes", "talon");
  const check = (id: string, body: string, expectedSig: string | null, sender: string | null) => {
    const senderHint = sender?.includes("@") ? { email: sender } : { name: sender };
    const { signature } = splitSignature(stripQuotedText(body), senderHint);
    const toLines = (s: string | null) =>
      (s ?? "")
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .map((l, i) => `line|${i}|${l}`);
    lines.add(id, id, toLines(expectedSig), toLines(signature));
    const tally = exact[partOf(id)];
    tally.total++;
    if ((signature ?? "").trim() === (expectedSig ?? "").trim()) tally.hit++;
  };
  const stripped = join(base, "fixtures", "signature", "emails", "stripped");
  if (existsSync(stripped)) {
    for (const name of readdirSync(stripped)
      .filter((f) => f.endsWith("_body"))
      .sort()) {
      const stem = join(stripped, name.replace(/_body$/, ""));
      // talon's training format marks signature lines with a "#sig#" prefix in one labelled body (and its
      // expected signature); the marker is a label, not text, so it is taken off both.
      const body = readFileSync(`${stem}_body`, "utf8").replace(/^#sig#/gm, "");
      const sig = existsSync(`${stem}_signature`)
        ? readFileSync(`${stem}_signature`, "utf8").replace(/^#sig#/gm, "")
        : "";
      const sender = existsSync(`${stem}_sender`) ? readFileSync(`${stem}_sender`, "utf8").trim() : null;
      check(`talon/${name}`, body, sig.trim() || null, sender);
    }
  }
  const brute = join(base, "inline-cases", "signature_bruteforce.json");
  if (existsSync(brute)) {
    const cases = JSON.parse(readFileSync(brute, "utf8")) as Array<{
      id: string;
      args: [string];
      expected: [string, string | null];
      decorators?: string[];
    }>;
    // Cases that patch talon's internals (a mocked crash, a changed line limit) state what talon returns
    // under the patch, not where the signature is; they are left out whatever the extractor does on them.
    for (const c of cases.filter((c) => !c.decorators))
      check(`talon-bruteforce/${c.id}`, c.args[0], c.expected[1], null);
  }
  return { lines, exact };
}
