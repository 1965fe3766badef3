import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSocialUrl, mayNameSocialHost } from "./hosts.ts";
import { propertyRuns } from "./property-runs.ts";

// Links as pages write them: any case, the networks' hosts and look-alikes, escapes, full-width letters, user
// names, control characters and spaces the parser drops.
const host = fc.constantFrom(
  "www.linkedin.com",
  "LinkedIn.COM",
  "x.com",
  "box.com",
  "mobile.Twitter.com",
  "www.face%62ook.com",
  "ｘ.com",
  "linked\tin.com",
  "git\nhub.com",
  "jane@github.com",
  "github.com.",
  "mastodon.social",
  "bsky.app",
  "acme.example",
  "notlinkedin.com.evil.io",
);
const scheme = fc.constantFrom("https://", "http://", "HTTPS://", "http:", "https:\\\\", "ftp://", "");
const rest = fc.constantFrom("", "/", "/in/jane", "?x=1", "#top", ":443/a");
const link = fc.tuple(fc.constantFrom("", " "), scheme, host, rest).map((p) => p.join(""));

describe("mayNameSocialHost", () => {
  it("is true of every link that points at a social network", () => {
    fc.assert(
      fc.property(link, (href) => {
        if (isSocialUrl(href)) expect(mayNameSocialHost(href)).toBe(true);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
  it("is false of links that name no network, so that they are not parsed", () => {
    expect(mayNameSocialHost("https://acme.example/about")).toBe(false);
    expect(mayNameSocialHost("/partners/p12")).toBe(false);
    expect(mayNameSocialHost("https://www.LinkedIn.com/company/acme")).toBe(true);
  });
});
