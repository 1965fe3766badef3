import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { extractSignature, splitSignature, stripQuotedText } from "@leadpane/domain/extract";
import { FieldScores, norm } from "./score.ts";

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

/** Score signature fields on the annotated Enron emails: the sender's own signature spans (before the first quoted header) against `extractSignature`. */
export function scoreEnronSignatures(corpus: string): FieldScores {
  const scores = new FieldScores();
  const file = join(corpus, "03-email-signature-and-quotes", "quagga-enron-detailed", "enron_detailed.jsonl");
  if (!existsSync(file)) return scores;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as EnronCase;
    const quoteAt = Math.min(...c.spans.filter((s) => s[2] === "Header").map((s) => s[0]), c.body.length);
    const expected: string[] = [];
    // The sender's name written right after the closing ("Thanks,\nMary Cook") is annotated as
    // `Body/Outro/Name`, even when it heads the signature block; predicting it is neither right nor wrong.
    const outroNames = new Set<string>();
    for (const [start, end, type] of c.spans) {
      if (start >= quoteAt) continue;
      const value = c.body.slice(start, end);
      if (type === "Body/Outro/Name") outroNames.add(`name||${norm.text(value)}`);
      const field = SPAN_FIELD[type];
      if (!field) continue;
      const normalized = field === "phone" ? norm.phone(value) : field === "email" ? norm.email(value) : norm.text(value);
      // A few spans are mislabelled (a job title tagged as Phone): a phone without digits cannot be predicted.
      if (!normalized) continue;
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
    scores.add(c.id, expected, predicted.filter((p) => expected.includes(p) || !outroNames.has(p)));
  }
  return scores;
}

/** Score signature-block detection on talon's labelled bodies and brute-force cases: lines of the block found vs expected. */
export function scoreSignatureBlocks(corpus: string): { lines: FieldScores; exact: { hit: number; total: number } } {
  const lines = new FieldScores();
  const exact = { hit: 0, total: 0 };
  const base = join(corpus, "03-email-signature-and-quotes", "talon");
  const check = (id: string, body: string, expectedSig: string | null, sender: string | null) => {
    const senderHint = sender?.includes("@") ? { email: sender } : { name: sender };
    const { signature } = splitSignature(stripQuotedText(body), senderHint);
    const toLines = (s: string | null) => (s ?? "").split("\n").map((l) => l.trim()).filter(Boolean).map((l, i) => `line|${i}|${l}`);
    lines.add(id, toLines(expectedSig), toLines(signature));
    exact.total++;
    if ((signature ?? "").trim() === (expectedSig ?? "").trim()) exact.hit++;
  };
  const stripped = join(base, "fixtures", "signature", "emails", "stripped");
  if (existsSync(stripped)) {
    for (const name of readdirSync(stripped).filter((f) => f.endsWith("_body"))) {
      const stem = join(stripped, name.replace(/_body$/, ""));
      // talon marks signature lines with "#sig#" in one labelled body; the marker is not part of the text.
      const body = readFileSync(`${stem}_body`, "utf8").replace(/^#sig#/gm, "");
      const sig = existsSync(`${stem}_signature`) ? readFileSync(`${stem}_signature`, "utf8").replace(/^#sig#/gm, "") : "";
      const sender = existsSync(`${stem}_sender`) ? readFileSync(`${stem}_sender`, "utf8").trim() : null;
      check(`talon/${name}`, body, sig.trim() || null, sender);
    }
  }
  const brute = join(base, "inline-cases", "signature_bruteforce.json");
  if (existsSync(brute)) {
    const cases = JSON.parse(readFileSync(brute, "utf8")) as Array<{ id: string; args: [string]; expected: [string, string | null]; decorators?: string[] }>;
    // Cases that patch talon's internals (mocked failures, other line limits) test talon, not signatures.
    for (const c of cases.filter((c) => !c.decorators)) check(`talon-bruteforce/${c.id}`, c.args[0], c.expected[1], null);
  }
  return { lines, exact };
}
