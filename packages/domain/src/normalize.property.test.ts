import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalProfileUrl,
  cleanText,
  foldName,
  normalizeEmail,
  normalizePhone,
  registrableDomain,
} from "./normalize.ts";
import { propertyRuns } from "./property-runs.ts";

const localPart = fc.stringMatching(/^[A-Za-z0-9._+-]{1,20}$/);
const label = fc.stringMatching(/^[A-Za-z0-9]([A-Za-z0-9-]{0,10}[A-Za-z0-9])?$/);
const host = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom("com", "co.uk", "io", "de", "org", "com.au"))
  .map(([labels, tld]) => `${labels.join(".")}.${tld}`);
const padding = fc.constantFrom("", " ", "  ", "\t");

describe("normalization is idempotent", () => {
  it("normalizeEmail", () => {
    fc.assert(
      fc.property(padding, localPart, host, padding, fc.boolean(), (pre, local, domain, post, mailto) => {
        const once = normalizeEmail(`${pre}${mailto ? "mailto:" : ""}${local}@${domain}${post}`);
        expect(once).not.toBeNull();
        expect(normalizeEmail(once!)).toBe(once);
        expect(once).toBe(once!.toLowerCase().trim());
      }),
    );
  });

  const region = fc.constantFrom("US", "GB", "FR", "DE", "AU");

  it("normalizePhone, for numbers written the ways people write them", () => {
    const valid = fc
      .tuple(
        fc.constantFrom(
          "+1 415 555 0100",
          "(212) 555-0199",
          "+44 20 7946 0958",
          "020 7946 0958",
          "+33 1 42 68 53 00",
          "01 42 68 53 00",
          "+49 30 901820",
          "030 901820",
          "+61 2 9374 4000",
          "02 9374 4000",
        ),
        fc.constantFrom("", " ", "tel:", "TEL:"),
      )
      .map(([number, prefix]) => prefix + number);
    fc.assert(
      fc.property(valid, region, (raw, r) => {
        const once = normalizePhone(raw, r);
        expect(normalizePhone(once, r)).toBe(once);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  // Regression: a possible-but-invalid number used to come back in an E.164 form that parsed back
  // differently ("0000000" in AU → "+61000000" → "+6100000"), and "tel: 000" kept its space.
  it("normalizePhone, for arbitrary digit strings", () => {
    const phone = fc
      .tuple(
        fc.constantFrom("", "+1 ", "+44 ", "+33 ", "+49 ", "0", "(", "tel:"),
        fc.array(fc.constantFrom(..."0123456789 -.()"), { minLength: 3, maxLength: 18 }),
      )
      .map(([pre, chars]) => pre + chars.join(""));
    fc.assert(
      fc.property(phone, region, (raw, r) => {
        const once = normalizePhone(raw, r);
        expect(normalizePhone(once, r)).toBe(once);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it("canonicalProfileUrl", () => {
    const profile = fc.tuple(
      fc.constantFrom(
        "https://www.linkedin.com/in/",
        "http://linkedin.com/in/",
        "https://x.com/",
        "https://twitter.com/@",
        "https://github.com/",
        "https://www.example.com/team/",
      ),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
      fc.constantFrom("", "/", "?utm_source=x", "#about", "/?a=1"),
    );
    // Paths that are the site's own pages, not people (x.com/i, github.com/about…): no profile.
    const reserved = new Set([
      "intent",
      "share",
      "home",
      "i",
      "search",
      "hashtag",
      "orgs",
      "about",
      "features",
      "sponsors",
      "topics",
    ]);
    fc.assert(
      fc.property(profile, ([prefix, slug, suffix]) => {
        const once = canonicalProfileUrl(prefix + slug + suffix);
        if (once === null) {
          expect(/x\.com|twitter|github/.test(prefix) && reserved.has(slug.toLowerCase())).toBe(true);
          return;
        }
        expect(canonicalProfileUrl(once)).toBe(once);
      }),
      // Found by a random run: `twitter.com/@I` gave x.com/i, which is no profile.
      { examples: [[["https://twitter.com/@", "I", ""]]], numRuns: propertyRuns(500) },
    );
  });

  it("registrableDomain", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("", "www.", "mail.", "a.b."),
        host,
        fc.constantFrom("", "/path", ":8080/x?q=1"),
        fc.boolean(),
        (sub, domain, path, scheme) => {
          const once = registrableDomain(`${scheme ? "https://" : ""}${sub}${domain}${scheme ? path : ""}`);
          expect(once).not.toBeNull();
          expect(registrableDomain(once!)).toBe(once);
        },
      ),
    );
  });

  it("foldName and cleanText", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        expect(foldName(foldName(raw))).toBe(foldName(raw));
        expect(cleanText(cleanText(raw))).toBe(cleanText(raw));
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});
