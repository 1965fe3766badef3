import { describe, expect, it } from "vitest";
import { isHostedPage, isSocialUrl } from "./hosts.ts";

describe("hosted pages", () => {
  it("are the social networks' and the platforms' pages, on any of their subdomains", () => {
    for (const url of [
      "https://www.linkedin.com/in/jane",
      "https://x.com/jane",
      "https://mobile.twitter.com/jane",
      "https://github.com/acme",
      "https://www.facebook.com/acme",
      "https://www.instagram.com/acme",
      "https://www.xing.com/profile/Jane",
      "https://www.tiktok.com/@acme",
      "https://medium.com/@jane",
      "https://mail.google.com/mail/u/0/#inbox",
      "https://outlook.office.com/mail/",
      "https://www.eventbrite.co.uk/e/123",
      "https://sessionize.com/jane",
    ]) {
      expect(isHostedPage(url), url).toBe(true);
    }
  });

  it("are not a company's own site, one that merely ends in a network's name, or what is no URL", () => {
    expect(isHostedPage("https://www.acme.com/team")).toBe(false);
    expect(isHostedPage("https://mylinkedin.com/in/jane")).toBe(false);
    // A substring is no host: these mention a network in the path or end in its letters.
    expect(isHostedPage("https://acme.com/linkedin-tips")).toBe(false);
    expect(isHostedPage("https://www.dropbox.com/")).toBe(false);
    expect(isHostedPage("https://www.google.com/")).toBe(false);
    expect(isHostedPage("linkedin.com/in/jane")).toBe(false);
  });

  it("counts only the social networks as social links", () => {
    expect(isSocialUrl("https://www.linkedin.com/company/acme")).toBe(true);
    expect(isSocialUrl("https://bsky.app/profile/acme.com")).toBe(true);
    expect(isSocialUrl("https://medium.com/@acme")).toBe(false);
    expect(isSocialUrl("https://mail.google.com/")).toBe(false);
    expect(isSocialUrl("not a url")).toBe(false);
  });
});
