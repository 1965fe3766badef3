import { describe, expect, it } from "vitest";
import { contentScriptFor, isMailUrl } from "./mail-hosts.ts";

describe("mail hosts", () => {
  it("knows Gmail and the three Outlook on the web addresses, over https only", () => {
    expect(isMailUrl("https://mail.google.com/mail/u/0/#inbox")).toBe(true);
    expect(isMailUrl("https://outlook.office365.com/mail/")).toBe(true);
    expect(isMailUrl("http://mail.google.com/")).toBe(false);
    expect(isMailUrl("https://docs.google.com/")).toBe(false);
    expect(isMailUrl("not a url")).toBe(false);
  });

  it("maps a mail page to its built content script", () => {
    expect(contentScriptFor("https://mail.google.com/mail/u/1/")).toBe("/content-scripts/gmail.js");
    expect(contentScriptFor("https://outlook.live.com/mail/0/")).toBe("/content-scripts/outlook.js");
    expect(contentScriptFor("https://example.com/")).toBeNull();
  });
});
