import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ownText, parseEml, splitSignature } from "@leadpane/domain/extract";
import { parseHtmlDocument } from "../html.ts";
import { partOf, type Part } from "./split.ts";

/** Exact-match counts of one quote-removal set (or one part of it). */
interface Accuracy {
  hit: number;
  total: number;
  failed: string[];
}

/** A quote-removal set, split into its development and held-back parts by case name. */
export type SplitAccuracy = Record<Part, Accuracy>;

// Whitespace is not part of the answer: line breaks and indentation differ between clients and between the
// labels' own sources (talon compares its HTML cases with all whitespace removed). Everything else must match.
const squash = (s: string): string => s.replace(/\s+/g, "");

/**
 * Score quoted-reply removal: talon's plain-text and HTML cases, its real client replies, and crisp's
 * multilingual fixtures. One expected answer per case, compared exactly once (whitespace ignored).
 * Every set is split by case name (the case id, or the fixture's file name).
 */
export async function scoreQuotes(corpus: string): Promise<Record<string, SplitAccuracy>> {
  const base = join(corpus, "03-email-signature-and-quotes");
  const out: Record<string, SplitAccuracy> = {};
  const tally = (set: string, id: string, ok: boolean): void => {
    const parts = out[set] ?? { dev: { hit: 0, total: 0, failed: [] }, held: { hit: 0, total: 0, failed: [] } };
    out[set] = parts;
    const acc = parts[partOf(id)];
    acc.total++;
    if (ok) acc.hit++;
    else acc.failed.push(id);
  };
  const talonText = join(base, "talon", "inline-cases", "text_quotations.json");
  if (existsSync(talonText)) {
    const cases = JSON.parse(readFileSync(talonText, "utf8")) as Array<{
      id: string;
      args: [string];
      expected: string;
      decorators?: string[];
    }>;
    // A decorated case patches talon's internals (its line limit) and states what talon returns under the patch.
    for (const c of cases.filter((c) => !c.decorators))
      tally("talon text", c.id, squash(ownText({ text: c.args[0] })) === squash(c.expected));
  }
  const talonHtml = join(base, "talon", "inline-cases", "html_quotations.json");
  if (existsSync(talonHtml)) {
    const cases = JSON.parse(readFileSync(talonHtml, "utf8")) as Array<{
      id: string;
      args: [string];
      expected: string;
      decorators?: string[];
    }>;
    // The one decorated case mocks talon's HTML parser to fail; its input is an empty document.
    for (const c of cases.filter((c) => !c.decorators && typeof c.args[0] === "string")) {
      const expected = parseHtmlDocument(c.expected).body?.textContent ?? c.expected;
      tally(
        "talon html",
        c.id,
        squash(ownText({ html: c.args[0] }, { parseHtml: parseHtmlDocument })) === squash(expected),
      );
    }
  }
  const htmlReplies = join(base, "talon", "fixtures", "html_replies");
  if (existsSync(htmlReplies)) {
    for (const file of readdirSync(htmlReplies)
      .filter((f) => f.endsWith(".html"))
      .sort()) {
      const html = readFileSync(join(htmlReplies, file), "utf8");
      tally(
        "talon html replies",
        file,
        squash(ownText({ html }, { parseHtml: parseHtmlDocument })) === squash("Hi. I am fine.\n\nThanks,\nAlex"),
      );
    }
  }
  const standard = join(base, "talon", "fixtures", "standard_replies");
  if (existsSync(standard)) {
    for (const file of readdirSync(standard)
      .filter((f) => f.endsWith(".eml"))
      .sort()) {
      const message = await parseEml(readFileSync(join(standard, file)));
      const replyFile = join(standard, file.replace(/\.eml$/, "_reply_text"));
      const expected = existsSync(replyFile) ? readFileSync(replyFile, "utf8") : "Hello";
      tally("talon client replies", file, squash(ownText({ text: message.text ?? null }, {})) === squash(expected));
    }
  }
  const crisp = join(base, "crisp-email-reply-parser", "cases.json");
  if (existsSync(crisp)) {
    const data = JSON.parse(readFileSync(crisp, "utf8")) as {
      cases: Array<{ test: string; fixtures: string[]; expected_first_fragment?: string }>;
    };
    for (const c of data.cases) {
      if (c.expected_first_fragment === undefined || c.fixtures.length !== 1) continue;
      const text = readFileSync(join(base, "crisp-email-reply-parser", "fixtures", `${c.fixtures[0]}.txt`), "utf8");
      // crisp (like GitHub's email_reply_parser it descends from) puts the sender's own signature ("-- ",
      // "Sent from my …", a closing and what follows it) in a fragment of its own, so its first fragment is
      // the reply without quoted history and without signature. The comparable output here is always the
      // same: the body that `splitSignature` leaves of the sender's own text. talon's labels keep the
      // signature in the reply and are compared with the own text itself.
      const body = splitSignature(ownText({ text })).body;
      tally("crisp multilingual", c.fixtures[0]!, squash(body) === squash(c.expected_first_fragment));
    }
  }
  return out;
}
