import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "./property-runs.ts";
import {
  canonicalProfileUrl,
  cleanText,
  emailDomain,
  foldName,
  isProfileUrl,
  normalizeEmail,
  normalizePhone,
  registrableDomain,
} from "./normalize.ts";

describe("normalizeEmail", () => {
  it("lower-cases and trims, dropping a mailto: prefix and a query", () => {
    expect(normalizeEmail("  Jane.Doe@Acme.COM ")).toBe("jane.doe@acme.com");
    expect(normalizeEmail("MAILTO:jane@acme.com?subject=Hi")).toBe("jane@acme.com");
    expect(normalizeEmail("mailto: jane@acme.io ")).toBe("jane@acme.io");
  });

  it("is null for what is not an address", () => {
    for (const bad of [
      "",
      "jane",
      "jane@acme",
      "jane@acme.c",
      "@acme.com",
      "jane@@acme.com",
      "jane doe@acme.com",
      "<jane@acme.com>",
      "jane@acme.com, bob@acme.com",
      "jane@acme.co m",
    ]) {
      expect(normalizeEmail(bad), bad).toBeNull();
    }
  });
});

describe("emailDomain and registrableDomain", () => {
  it("reads the registrable domain of an address's host", () => {
    expect(emailDomain("jane@mail.eu.acme.co.uk")).toBe("acme.co.uk");
    expect(emailDomain("Jane@ACME.com")).toBe("acme.com");
    expect(emailDomain("a@b@acme.io")).toBe("acme.io");
    expect(emailDomain("no-at-sign.acme.com")).toBeNull();
  });

  it("takes hosts, URLs and keeps local hosts; nothing for blank or spaced input", () => {
    expect(registrableDomain("www.acme.co.uk")).toBe("acme.co.uk");
    expect(registrableDomain(" HTTPS://Shop.Acme.com/path?q=1 ")).toBe("acme.com");
    expect(registrableDomain("localhost")).toBe("localhost");
    expect(registrableDomain("http://intranet:8080/x")).toBe("intranet");
    expect(registrableDomain("")).toBeNull();
    expect(registrableDomain("   ")).toBeNull();
    expect(registrableDomain("not a host")).toBeNull();
  });

  it("answers each input alike, whatever was asked before (its answers are kept)", () => {
    const expected: Record<string, string | null> = {
      "www.acme.co.uk": "acme.co.uk",
      "acme.com": "acme.com",
      "ACME.COM": "acme.com",
      "https://shop.acme.io/x": "acme.io",
      "mail.beta.org": "beta.org",
      localhost: "localhost",
      intranet: "intranet",
      "": null,
      "   ": null,
      "not a host": null,
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...Object.keys(expected)), { maxLength: 30 }), (asks) => {
        for (const input of asks) expect(registrableDomain(input), input).toBe(expected[input]);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe("normalizePhone", () => {
  it("gives E.164 for a number valid in the region or with its country code", () => {
    expect(normalizePhone("(415) 555-0100")).toBe("+14155550100");
    expect(normalizePhone("tel: 020 7946 0958", "GB")).toBe("+442079460958");
    expect(normalizePhone("TEL:+33 1 42 68 53 00", "US")).toBe("+33142685300");
  });

  it("keeps what was written, spaces collapsed, when it does not parse", () => {
    expect(normalizePhone("  call   me  ")).toBe("call me");
    expect(normalizePhone("ext\t12")).toBe("ext 12");
    expect(normalizePhone("12", "US")).toBe("12");
  });
});

describe("canonicalProfileUrl and isProfileUrl", () => {
  it("canonicalizes LinkedIn /in/ profiles, decoded and lower-cased", () => {
    expect(canonicalProfileUrl("http://LinkedIn.com/in/Jane-Doe/?trk=x")).toBe("https://www.linkedin.com/in/jane-doe");
    expect(canonicalProfileUrl("https://fr.linkedin.com/in/J%C3%A9r%C3%B4me")).toBe(
      "https://www.linkedin.com/in/jérôme",
    );
    expect(canonicalProfileUrl("https://www.linkedin.com/company/acme")).toBeNull();
    expect(canonicalProfileUrl("https://www.linkedin.com/in/")).toBeNull();
  });

  it("canonicalizes X and Twitter handles, but not the sites' own pages", () => {
    expect(canonicalProfileUrl("https://twitter.com/@JaneDoe")).toBe("https://x.com/janedoe");
    expect(canonicalProfileUrl("https://mobile.x.com/jane/status/1")).toBe("https://x.com/jane");
    for (const page of ["intent", "share", "home", "i", "search", "hashtag"])
      expect(canonicalProfileUrl(`https://x.com/${page}`), page).toBeNull();
    expect(canonicalProfileUrl("https://x.com/")).toBeNull();
    expect(canonicalProfileUrl("https://x.com/@")).toBeNull();
  });

  it("canonicalizes GitHub users and organisations' roots, not GitHub's own pages", () => {
    expect(canonicalProfileUrl("https://www.github.com/Octocat/repo")).toBe("https://github.com/octocat");
    for (const page of ["orgs", "About", "features", "sponsors", "topics"])
      expect(canonicalProfileUrl(`https://github.com/${page}/x`), page).toBeNull();
    expect(canonicalProfileUrl("https://github.com")).toBeNull();
  });

  it("reduces any other http(s) URL to scheme, host without www and path without trailing slashes", () => {
    expect(canonicalProfileUrl(" https://WWW.Acme.com/Team/Jane//?utm=1#bio ")).toBe("https://acme.com/Team/Jane");
    expect(canonicalProfileUrl("http://acme.com/")).toBe("http://acme.com");
    // Only a leading www. goes; hosts that merely look alike stay (no match on "linkedin.com" inside a name).
    expect(canonicalProfileUrl("https://notlinkedin.com/in/jane")).toBe("https://notlinkedin.com/in/jane");
    expect(canonicalProfileUrl("https://shop.www.acme.com/")).toBe("https://shop.www.acme.com");
  });

  it("is null for non-web and unparsable URLs", () => {
    expect(canonicalProfileUrl("ftp://acme.com/x")).toBeNull();
    expect(canonicalProfileUrl("mailto:jane@acme.com")).toBeNull();
    expect(canonicalProfileUrl("acme.com/jane")).toBeNull();
  });

  it("calls a URL a profile only on a recognised network and when it names a person", () => {
    expect(isProfileUrl("https://www.linkedin.com/in/jane")).toBe(true);
    expect(isProfileUrl("https://x.com/jane")).toBe(true);
    expect(isProfileUrl("https://github.com/jane")).toBe(true);
    expect(isProfileUrl("https://www.linkedin.com/company/acme")).toBe(false);
    expect(isProfileUrl("https://x.com/home")).toBe(false);
    expect(isProfileUrl("https://acme.com/team/jane")).toBe(false);
    expect(isProfileUrl("https://xlinkedin.com/in/jane")).toBe(false);
    expect(isProfileUrl("not a url")).toBe(false);
  });
});

describe("cleanText and foldName", () => {
  it("collapses whitespace, null when nothing is left", () => {
    expect(cleanText("  Jane \n\t Doe ")).toBe("Jane Doe");
    expect(cleanText(" \n ")).toBeNull();
    expect(cleanText(null)).toBeNull();
    expect(cleanText(undefined)).toBeNull();
    expect(cleanText("")).toBeNull();
  });

  it("folds case, accents and punctuation for comparing names", () => {
    expect(foldName("  Jérôme  O'Brien-Ñúñez ")).toBe("jerome o brien nunez");
    expect(foldName("ACME, Inc.")).toBe("acme inc");
    expect(foldName("Zoë 2")).toBe("zoe 2");
    expect(foldName("李 小龍")).toBe("李 小龍");
    expect(foldName("--")).toBe("");
  });
});
