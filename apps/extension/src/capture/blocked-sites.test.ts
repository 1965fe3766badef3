import { describe, expect, it } from "vitest";
import { isBlockedUrl, siteHost } from "./blocked-sites.ts";

describe("never-capture list", () => {
  it("reduces what people type to a host", () => {
    expect(siteHost(" https://www.LinkedIn.com/in/jane ")).toBe("linkedin.com");
    expect(siteHost("*.google.com")).toBe("google.com");
    expect(siteHost("mail.google.com:443/mail/u/0")).toBe("mail.google.com");
  });

  it("blocks a listed host and its subdomains, nothing else", () => {
    expect(isBlockedUrl("https://mail.google.com/mail/u/0/#inbox/abc", ["google.com"])).toBe(true);
    expect(isBlockedUrl("https://mail.google.com/mail/u/0/", ["mail.google.com"])).toBe(true);
    expect(isBlockedUrl("https://outlook.office.com/mail/", ["mail.google.com"])).toBe(false);
    expect(isBlockedUrl("https://notgoogle.com/", ["google.com"])).toBe(false);
    expect(isBlockedUrl("https://www.linkedin.com/in/jane", ["https://linkedin.com/"])).toBe(true);
  });

  it("never blocks on an empty entry or a non-URL", () => {
    expect(isBlockedUrl("https://acme.com/", ["", "  "])).toBe(false);
    expect(isBlockedUrl("not a url", ["acme.com"])).toBe(false);
  });
});
