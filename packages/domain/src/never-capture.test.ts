import { describe, expect, it } from "vitest";
import {
  checkNeverCaptureEntry,
  isNeverCaptureUrl,
  NEVER_CAPTURE_HINT,
  neverCaptureHost,
  parseNeverCaptureList,
} from "./never-capture.ts";

describe("never-capture list", () => {
  it("reduces what people type to a host", () => {
    expect(neverCaptureHost(" https://www.LinkedIn.com/in/jane ")).toBe("linkedin.com");
    expect(neverCaptureHost("*.google.com")).toBe("google.com");
    expect(neverCaptureHost("mail.google.com:443/mail/u/0")).toBe("mail.google.com");
    expect(neverCaptureHost("acme.com.")).toBe("acme.com");
  });

  it("blocks a listed host and its subdomains, nothing else", () => {
    expect(isNeverCaptureUrl("https://mail.google.com/mail/u/0/#inbox/abc", ["google.com"])).toBe(true);
    expect(isNeverCaptureUrl("https://mail.google.com/mail/u/0/", ["mail.google.com"])).toBe(true);
    expect(isNeverCaptureUrl("https://outlook.office.com/mail/", ["mail.google.com"])).toBe(false);
    expect(isNeverCaptureUrl("https://notgoogle.com/", ["google.com"])).toBe(false);
    expect(isNeverCaptureUrl("https://www.linkedin.com/in/jane", ["https://linkedin.com/"])).toBe(true);
  });

  it("reads example.com as the whole site: every subdomain, path and port", () => {
    const sites = ["example.com"];
    expect(isNeverCaptureUrl("https://example.com/", sites)).toBe(true);
    expect(isNeverCaptureUrl("https://www.example.com/team", sites)).toBe(true);
    expect(isNeverCaptureUrl("https://a.b.example.com/x?y=1#z", sites)).toBe(true);
    expect(isNeverCaptureUrl("http://example.com:8080/", sites)).toBe(true);
    expect(isNeverCaptureUrl("https://EXAMPLE.com./", sites)).toBe(true);
    // Only the host counts, never where the text appears: these are other sites.
    expect(isNeverCaptureUrl("https://example.com.evil.org/", sites)).toBe(false);
    expect(isNeverCaptureUrl("https://notexample.com/", sites)).toBe(false);
    expect(isNeverCaptureUrl("https://evil.org/?next=//example.com", sites)).toBe(false);
  });

  it("blocks a whole host for an entry with a path, and only a subdomain's part for a subdomain entry", () => {
    expect(isNeverCaptureUrl("https://example.com/public", ["example.com/private"])).toBe(true);
    expect(isNeverCaptureUrl("https://www.example.com/", ["www.example.com"])).toBe(true);
    expect(isNeverCaptureUrl("https://example.com/", ["www.example.com"])).toBe(true);
    expect(isNeverCaptureUrl("https://example.com/", ["shop.example.com"])).toBe(false);
    expect(isNeverCaptureUrl("https://blog.example.com/", ["shop.example.com"])).toBe(false);
    expect(isNeverCaptureUrl("https://eu.shop.example.com/", ["shop.example.com"])).toBe(true);
  });

  it("never blocks on an empty entry or a non-URL", () => {
    expect(isNeverCaptureUrl("https://acme.com/", ["", "  ", "*.", "https://"])).toBe(false);
    expect(isNeverCaptureUrl("not a url", ["acme.com"])).toBe(false);
    expect(isNeverCaptureUrl("", ["acme.com"])).toBe(false);
  });
});

describe("what the never-capture list accepts", () => {
  it("accepts hosts and *.host, kept in a plain lower-case form", () => {
    expect(checkNeverCaptureEntry("example.com")).toEqual({ ok: true, value: "example.com" });
    expect(checkNeverCaptureEntry(" *.Example.com ")).toEqual({ ok: true, value: "*.example.com" });
    expect(checkNeverCaptureEntry("mail.google.com")).toEqual({ ok: true, value: "mail.google.com" });
    expect(checkNeverCaptureEntry("bücher.de")).toEqual({ ok: true, value: "bücher.de" });
    expect(checkNeverCaptureEntry("localhost")).toEqual({ ok: true, value: "localhost" });
    expect(checkNeverCaptureEntry("10.0.0.7")).toEqual({ ok: true, value: "10.0.0.7" });
  });

  it("keeps only the host of a pasted address", () => {
    expect(checkNeverCaptureEntry("https://www.LinkedIn.com/in/jane?x=1")).toEqual({ ok: true, value: "linkedin.com" });
    expect(checkNeverCaptureEntry("acme.com:8080/private")).toEqual({ ok: true, value: "acme.com" });
  });

  it("refuses other text, saying what it accepts", () => {
    for (const entry of [
      "not a host",
      "example.com/private notes",
      "example",
      "*example.com",
      "exa_mple.com",
      "-acme.com",
      "acme.123",
      "a..com",
      "*",
    ]) {
      const check = checkNeverCaptureEntry(entry);
      expect(check.ok, entry).toBe(false);
      if (!check.ok) expect(check.message).toContain("example.com, or *.example.com");
    }
    const tld = checkNeverCaptureEntry("*.com");
    expect(tld.ok || tld.message).toBe(`"*.com" would block a whole top-level domain: enter ${NEVER_CAPTURE_HINT}.`);
  });

  it("checks a whole list: one entry per line or comma, duplicates once, every refusal told", () => {
    expect(parseNeverCaptureList("example.com\n*.example.org, EXAMPLE.com\n\n")).toEqual({
      ok: true,
      sites: ["example.com", "*.example.org"],
    });
    expect(parseNeverCaptureList("example.com\nnot a host\nalso bad")).toEqual({
      ok: false,
      errors: [
        `"not a host" is not a site: enter ${NEVER_CAPTURE_HINT}.`,
        `"also bad" is not a site: enter ${NEVER_CAPTURE_HINT}.`,
      ],
    });
    expect(parseNeverCaptureList("  ")).toEqual({ ok: true, sites: [] });
  });
});
