import { describe, expect, it } from "vitest";
import { lookupKeys, recordKeys } from "./keys.ts";
import type { AnyRecord } from "./records.ts";

const keysOf = (type: Parameters<typeof recordKeys>[0], data: Record<string, unknown>) =>
  recordKeys(type, data as unknown as AnyRecord);

describe("recordKeys", () => {
  it("keys a person by email, business domain, phone and profile URL, once each", () => {
    expect(
      keysOf("contact", {
        emails: ["Jane@Acme.com", "jane@gmail.com", "jane@acme.com"],
        phones: ["+14155550100"],
        urls: ["https://www.linkedin.com/in/Jane/", "https://acme.com/team/jane", "https://x.com/home"],
      }),
    ).toEqual([
      "email:jane@acme.com",
      "domain:acme.com",
      "email:jane@gmail.com",
      "phone:+14155550100",
      "url:https://www.linkedin.com/in/jane",
    ]);
  });

  it("keys a company by its domain and website's registrable domain", () => {
    expect(keysOf("company", { domain: "acme.co.uk", website: "https://shop.acme.co.uk/" })).toEqual([
      "domain:acme.co.uk",
    ]);
    expect(keysOf("company", { domain: null, website: "https://www.globex.com/about" })).toEqual(["domain:globex.com"]);
    expect(keysOf("company", { domain: "", website: "" })).toEqual([]);
    expect(keysOf("company", { website: "not a host" })).toEqual([]);
  });

  it("keys a lead by the profile it was captured from, not by any other source page", () => {
    expect(keysOf("lead", { source: { kind: "web", url: "https://linkedin.com/in/Jane-Doe?trk=1" } })).toEqual([
      "url:https://www.linkedin.com/in/jane-doe",
    ]);
    expect(keysOf("lead", { source: { kind: "web", url: "https://acme.com/team" } })).toEqual([]);
    expect(keysOf("lead", { source: { kind: "manual" } })).toEqual([]);
    // Only leads carry a capture source.
    expect(keysOf("contact", { source: { kind: "web", url: "https://linkedin.com/in/jane" } })).toEqual([]);
  });

  it("keys activities and tasks by their subject", () => {
    expect(keysOf("activity", { subject: { type: "lead", id: "L1" } })).toEqual(["subject:lead:L1"]);
    expect(keysOf("task", { subject: null })).toEqual([]);
  });
});

describe("lookupKeys", () => {
  it("looks an email up as written, trimmed and lower-cased", () => {
    expect(lookupKeys({ email: " Jane@ACME.com " })).toEqual(["email:jane@acme.com"]);
    expect(lookupKeys({})).toEqual([]);
    expect(lookupKeys({ email: "", domain: "", url: "" })).toEqual([]);
  });

  it("looks a domain up by its registrable domain, never a free-mail one", () => {
    expect(lookupKeys({ domain: "mail.acme.co.uk" })).toEqual(["domain:acme.co.uk"]);
    expect(lookupKeys({ domain: "gmail.com" })).toEqual([]);
    expect(lookupKeys({ domain: "   " })).toEqual([]);
  });

  it("looks a page up by its profile and by its site, except the social networks' own domains", () => {
    expect(lookupKeys({ url: "https://www.acme.com/team/jane" })).toEqual(["domain:acme.com"]);
    expect(lookupKeys({ url: "https://www.linkedin.com/in/jane/" })).toEqual(["url:https://www.linkedin.com/in/jane"]);
    expect(lookupKeys({ url: "https://github.com/orgs/acme" })).toEqual([]);
    expect(lookupKeys({ url: "https://mobile.twitter.com/jane" })).toEqual(["url:https://x.com/jane"]);
    expect(lookupKeys({ url: "https://www.gmail.com/inbox" })).toEqual([]);
    // Every social network and platform, not only those with profile URLs: a Facebook page or an
    // open mailbox says nothing about which company's people to show.
    expect(lookupKeys({ url: "https://www.facebook.com/acme" })).toEqual([]);
    expect(lookupKeys({ url: "https://mail.google.com/mail/u/0/#inbox" })).toEqual([]);
    expect(lookupKeys({ url: "https://medium.com/@jane/a-post" })).toEqual([]);
    // A host that merely ends in a network's name is an ordinary site.
    expect(lookupKeys({ url: "https://mylinkedin.com/in/jane" })).toEqual(["domain:mylinkedin.com"]);
    expect(lookupKeys({ url: "not a url" })).toEqual([]);
  });

  it("combines every part of a query", () => {
    expect(lookupKeys({ email: "jane@acme.com", domain: "acme.com", url: "https://acme.com" })).toEqual([
      "email:jane@acme.com",
      "domain:acme.com",
      "domain:acme.com",
    ]);
  });
});
