import { describe, expect, it } from "vitest";
import { isNoAccessError, SiteAccessError, sitePattern } from "./site-access.ts";

describe("site access", () => {
  it("knows Chrome's refusals to read a page, whatever their exact wording", () => {
    expect(
      isNoAccessError(
        new Error(
          'Cannot access contents of url "https://www.acme.com/team". Extension manifest must request permission to access this host.',
        ),
      ),
    ).toBe(true);
    expect(
      isNoAccessError(
        new Error(
          "Cannot access contents of the page. Extension manifest must request permission to access the respective host.",
        ),
      ),
    ).toBe(true);
    expect(isNoAccessError(new Error("Missing host permission for the tab"))).toBe(true);
    expect(isNoAccessError(new Error("Cannot access a chrome:// URL"))).toBe(true);
    expect(isNoAccessError(new Error("No tab with id: 4"))).toBe(false);
  });

  it("asks for one site at a time, in its own scheme", () => {
    expect(sitePattern("https://www.acme.com/team?x=1")).toBe("https://www.acme.com/*");
    expect(sitePattern("http://intranet.local:8080/people")).toBe("http://intranet.local/*");
  });

  it("names the site in words, never Chrome's message", () => {
    expect(new SiteAccessError("https://www.acme.com/team").message).toBe("Leadpane may not read www.acme.com yet");
  });
});
