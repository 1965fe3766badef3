import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ownText, parseEml, splitSignature } from "@leadpane/domain/extract";
import { parseHtmlDocument } from "../html.ts";

/** Exact-match counts of one quote-removal set. */
export interface Accuracy {
  hit: number;
  total: number;
  failed: string[];
}

const squash = (s: string): string => s.replace(/\s+/g, "");

/** Score quoted-reply removal: talon's plain-text and HTML cases, its real client replies, and crisp's multilingual fixtures (compared without whitespace). */
export async function scoreQuotes(corpus: string): Promise<Record<string, Accuracy>> {
  const base = join(corpus, "03-email-signature-and-quotes");
  const out: Record<string, Accuracy> = {};
  const tally = (set: string, id: string, ok: boolean): void => {
    const acc = (out[set] ??= { hit: 0, total: 0, failed: [] });
    acc.total++;
    if (ok) acc.hit++;
    else acc.failed.push(id);
  };
  const talonText = join(base, "talon", "inline-cases", "text_quotations.json");
  if (existsSync(talonText)) {
    const cases = JSON.parse(readFileSync(talonText, "utf8")) as Array<{ id: string; args: [string]; expected: string; decorators?: string[] }>;
    for (const c of cases.filter((c) => !c.decorators)) tally("talon text", c.id, squash(ownText({ text: c.args[0] })) === squash(c.expected));
  }
  const talonHtml = join(base, "talon", "inline-cases", "html_quotations.json");
  if (existsSync(talonHtml)) {
    const cases = JSON.parse(readFileSync(talonHtml, "utf8")) as Array<{ id: string; args: [string]; expected: string; decorators?: string[] }>;
    for (const c of cases.filter((c) => !c.decorators && typeof c.args[0] === "string")) {
      const expected = parseHtmlDocument(c.expected).body?.textContent ?? c.expected;
      tally("talon html", c.id, squash(ownText({ html: c.args[0] }, { parseHtml: parseHtmlDocument })) === squash(expected));
    }
  }
  const htmlReplies = join(base, "talon", "fixtures", "html_replies");
  if (existsSync(htmlReplies)) {
    for (const file of readdirSync(htmlReplies).filter((f) => f.endsWith(".html"))) {
      const html = readFileSync(join(htmlReplies, file), "utf8");
      tally("talon html replies", file, squash(ownText({ html }, { parseHtml: parseHtmlDocument })) === squash("Hi. I am fine.\n\nThanks,\nAlex"));
    }
  }
  const standard = join(base, "talon", "fixtures", "standard_replies");
  if (existsSync(standard)) {
    for (const file of readdirSync(standard).filter((f) => f.endsWith(".eml"))) {
      const message = await parseEml(readFileSync(join(standard, file)));
      const replyFile = join(standard, file.replace(/\.eml$/, "_reply_text"));
      const expected = existsSync(replyFile) ? readFileSync(replyFile, "utf8") : "Hello";
      tally("talon client replies", file, squash(ownText({ text: message.text ?? null }, {})) === squash(expected));
    }
  }
  const crisp = join(base, "crisp-email-reply-parser", "cases.json");
  if (existsSync(crisp)) {
    const data = JSON.parse(readFileSync(crisp, "utf8")) as { cases: Array<{ test: string; fixtures: string[]; expected_first_fragment?: string }> };
    for (const c of data.cases) {
      if (c.expected_first_fragment === undefined || c.fixtures.length !== 1) continue;
      const text = readFileSync(join(base, "crisp-email-reply-parser", "fixtures", `${c.fixtures[0]}.txt`), "utf8");
      // crisp's first fragment also leaves out the sender's own trailing signature ("Regards, …", "-- ",
      // "Sent from my …") while talon keeps it in the reply; either reading of the reply counts.
      const own = ownText({ text });
      const expected = squash(c.expected_first_fragment);
      tally("crisp multilingual", c.test, squash(own) === expected || squash(splitSignature(own).body) === expected);
    }
  }
  return out;
}
