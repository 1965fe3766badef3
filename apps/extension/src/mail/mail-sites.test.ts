// One test per mail site, Refined GitHub style: every site the content scripts run on has saved
// pages (several markups) whose open message it reads and where its buttons find an anchor.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { GMAIL } from "./gmail-site.ts";
import { MAIL_HOSTS } from "./mail-hosts.ts";
import type { MailSite } from "./mail-page.ts";
import { OUTLOOK } from "./outlook-site.ts";

const FIXTURES = resolve(import.meta.dirname, "../../../../test/fixtures/capture");
const ENTRYPOINTS = resolve(import.meta.dirname, "../entrypoints");

/** Each site, the content script that runs it, and its saved pages with the sender they show. */
const SITES: Array<{ site: MailSite; entrypoint: string; fixtures: Record<string, string> }> = [
  {
    site: GMAIL,
    entrypoint: "gmail.content",
    fixtures: {
      "gmail-thread.html": "jane.doe@acme-robotics.com",
      "gmail-thread-older.html": "carlos.mendes@globex.pt",
    },
  },
  {
    site: OUTLOOK,
    entrypoint: "outlook.content",
    fixtures: { "outlook-office.html": "tom.becker@initech.de", "outlook-live.html": "olivia@freightcon.events" },
  },
];

function documentOf(file: string): Document {
  return parseHTML(readFileSync(resolve(FIXTURES, file), "utf8")).document as unknown as Document;
}

function anchorIn(doc: Document, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = doc.querySelectorAll(selector);
    if (found.length) return found[found.length - 1]!;
  }
  return null;
}

describe("mail sites", () => {
  it("every mail content script is registered here, and their matches are exactly the mail hosts", () => {
    const entrypoints = readdirSync(ENTRYPOINTS).filter((name) => name.endsWith(".content"));
    expect(entrypoints.sort()).toEqual(SITES.map((s) => s.entrypoint).sort());
    const hosts = entrypoints.flatMap((name) =>
      [...readFileSync(resolve(ENTRYPOINTS, name, "index.ts"), "utf8").matchAll(/"https:\/\/([^/"]+)\/\*"/g)].map(
        (m) => m[1],
      ),
    );
    expect(hosts.sort()).toEqual([...MAIL_HOSTS].sort());
  });

  for (const { site, entrypoint, fixtures } of SITES) {
    it(`${entrypoint}: has at least two saved markups`, () =>
      expect(Object.keys(fixtures).length).toBeGreaterThanOrEqual(2));
    for (const [file, sender] of Object.entries(fixtures)) {
      it(`${entrypoint}: reads ${file} and finds where its buttons go`, () => {
        const doc = documentOf(file);
        const message = site.read(doc);
        expect(message?.from?.address).toBe(sender);
        expect(message?.subject).toBeTruthy();
        // Quoted history stays out of the text the worker extracts from.
        expect(message?.text).not.toMatch(/Account Executive|wrote:/);
        expect(anchorIn(doc, site.anchors)?.textContent).toContain(message?.from?.name?.split(" ")[0] ?? "");
      });
    }
  }
});
