import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalProfileUrl, isProfileUrl, mayNameProfileHost, profileUrl } from "./normalize.ts";
import { propertyRuns } from "./property-runs.ts";

// Links as pages write them: any case, networks' hosts and others, profile paths and others, escapes, relative.
const host = fc.constantFrom(
  "www.linkedin.com",
  "LinkedIn.com",
  "uk.linkedin.com",
  "x.com",
  "twitter.com",
  "mobile.Twitter.com",
  "github.com",
  "box.com",
  "notlinkedin.com.evil.io",
  "acme.example",
  "gist.github.com",
);
const segment = fc.constantFrom("in", "jane-doe", "@Jane", "intent", "orgs", "company", "%E0%A4%A", "Jörg", "i", "");
const path = fc.array(segment, { maxLength: 3 }).map((s) => `/${s.join("/")}`);
const scheme = fc.constantFrom("https://", "http://", "HTTPS://", "ftp://", "//", "mailto:");
const absolute = fc.tuple(scheme, host, path, fc.constantFrom("", "/", "?x=1", "#top")).map((p) => p.join(""));
const relative = fc.tuple(path, fc.constantFrom("", "?x=1")).map((p) => p.join(""));
const link = fc.oneof(absolute, relative, fc.constantFrom("", " https://www.linkedin.com/in/jane ", "linked\nin.com"));

describe("profileUrl", () => {
  it("gives what isProfileUrl and canonicalProfileUrl give together", () => {
    fc.assert(
      fc.property(absolute, (url) => {
        let expected: string | null = null;
        try {
          expected = isProfileUrl(url) ? canonicalProfileUrl(url) : null;
        } catch {
          expected = null;
        }
        expect(profileUrl(url)).toBe(expected);
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});

describe("mayNameProfileHost", () => {
  it("is true of every link that resolves to a profile from a page elsewhere", () => {
    fc.assert(
      fc.property(link, (href) => {
        let resolved: string | null = null;
        try {
          resolved = new URL(href.trim(), "https://www.acme.example/team/").href;
        } catch {
          return;
        }
        if (profileUrl(resolved) !== null) expect(mayNameProfileHost(href)).toBe(true);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
  it("is false of links that name no network, so that they are not parsed", () => {
    expect(mayNameProfileHost("/partners/p12")).toBe(false);
    expect(mayNameProfileHost("https://acme.example/about")).toBe(false);
    expect(mayNameProfileHost("https://www.LinkedIn.com/in/jane")).toBe(true);
  });
});
