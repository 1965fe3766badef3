import { describe, expect, it } from "vitest";
import { isNeverCaptureUrl, neverCaptureHost } from "./never-capture.ts";

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
