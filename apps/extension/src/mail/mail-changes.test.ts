import { describe, expect, it } from "vitest";
import type { Contact, Lead } from "@leadpane/domain";
import type { CaptureResult, RawMessage } from "@leadpane/domain/extract";
import {
  acceptChange,
  captureSenderChanges,
  logEmailChanges,
  messageKey,
  senderOf,
  snippetOf,
  type KnownPerson,
} from "./mail-changes.ts";

/** A known person's record data with only the fields a test is about. */
const personData = (fields: Partial<Lead> & Partial<Contact>) => fields as KnownPerson["data"];

const message: RawMessage = {
  from: { name: "Jane Doe", address: "jane@acme-robotics.com" },
  to: [{ name: null, address: "rep@sales.test" }],
  cc: [],
  subject: "Pilot next quarter",
  date: "2026-11-18T10:04:00.000Z",
  text: "Hi, let's talk.\n\n--\nJane Doe\nCOO, Acme Robotics",
};
const result: CaptureResult = {
  people: [
    {
      name: "Jane Doe",
      emails: ["jane@acme-robotics.com"],
      phones: ["+14155550100"],
      title: "COO",
      companyName: "Acme Robotics",
      urls: [],
      website: null,
      confidence: 0.9,
      sources: ["email-header", "signature"],
    },
  ],
  companies: [],
  email: { from: { name: "Jane Doe", address: "jane@acme-robotics.com" }, subject: "Pilot next quarter", date: null },
};
let n = 0;
const ctx = { memberId: "m1", now: "2026-11-20T00:00:00.000Z", newId: () => `id${++n}` };
const sender = senderOf(result)!;

describe("mail changes", () => {
  it("captures an unknown sender as a lead from email, with provenance, plus a capture activity", () => {
    const plan = captureSenderChanges({
      message,
      sender,
      known: null,
      pageUrl: "https://mail.google.com/mail/u/0/#inbox/x",
      ctx,
    });
    expect(plan.created).toBe(true);
    const [create, activity] = plan.changes;
    expect(create).toMatchObject({
      name: "create",
      args: {
        type: "lead",
        fields: {
          name: "Jane Doe",
          title: "COO",
          companyName: "Acme Robotics",
          website: "https://acme-robotics.com",
          source: { kind: "email" },
        },
      },
    });
    expect(
      (create!.args as unknown as { fields: { provenance: Record<string, unknown[]> } }).fields.provenance.title,
    ).toEqual([
      { url: "https://mail.google.com/mail/u/0/#inbox/x", method: "email-header+signature", at: ctx.now, by: "m1" },
    ]);
    expect(activity).toMatchObject({
      name: "create",
      args: { type: "activity", fields: { type: "capture", subject: plan.subject } },
    });
  });

  it("takes a new lead's website from the signature's site, never a social network's, else the email domain", () => {
    const website = (urls: string[], address = "jane@acme-robotics.com") => {
      const plan = captureSenderChanges({
        message,
        sender: { ...sender, urls, emails: [address] },
        known: null,
        pageUrl: null,
        ctx,
      });
      return (plan.changes[0]!.args as unknown as { fields: { website: string | null } }).fields.website;
    };
    // A host that ends in a network's letters, or names one in its path, is no social network.
    expect(website(["https://www.linkedin.com/in/jane", "https://www.acmebox.com"])).toBe("https://www.acmebox.com");
    expect(website(["https://x.com/jane", "https://acme-robotics.com/github-integration"])).toBe(
      "https://acme-robotics.com/github-integration",
    );
    expect(website(["https://www.linkedin.com/in/jane", "https://www.facebook.com/acme"])).toBe(
      "https://acme-robotics.com",
    );
  });

  it("gives a free-mail sender no website, by the domain's free-mail list", () => {
    const website = (address: string) => {
      const plan = captureSenderChanges({
        message,
        sender: { ...sender, urls: [], emails: [address] },
        known: null,
        pageUrl: null,
        ctx,
      });
      return (plan.changes[0]!.args as unknown as { fields: { website: string | null } }).fields.website;
    };
    for (const address of ["jane@gmail.com", "jane@yahoo.es", "jane@qq.com", "jane@yopmail.com"])
      expect(website(address), address).toBeNull();
    // A company's own mail host is the company's, even when it is called mail.
    expect(website("jane@mail.acme-robotics.com")).toBe("https://mail.acme-robotics.com");
  });

  it("adds to a known sender: fills empty fields, leaves changed ones for review", () => {
    const known: KnownPerson = {
      type: "contact",
      id: "c1",
      data: personData({ name: "Jane Doe", title: "VP of Operations", phones: [] }),
      companyName: "Acme Robotics",
    };
    const plan = captureSenderChanges({ message, sender, known, pageUrl: null, ctx });
    expect(plan.created).toBe(false);
    expect(plan.subject).toEqual({ type: "contact", id: "c1" });
    expect(plan.changes.map((c) => c.name)).toEqual(["add", "create"]);
    expect(plan.toReview).toEqual([{ field: "title", before: "VP of Operations", after: "COO", kind: "changed" }]);
  });

  it("logs an email with subject and snippet on the known record", () => {
    const known: KnownPerson = { type: "lead", id: "l1", data: personData({}), companyName: null };
    const plan = logEmailChanges({ message, sender, known, snippet: "Hi, let's talk.", pageUrl: null, ctx });
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({
      name: "create",
      args: {
        type: "activity",
        fields: {
          type: "email",
          subject: { type: "lead", id: "l1" },
          body: "Hi, let's talk.",
          occurredAt: message.date,
          data: { subject: "Pilot next quarter", snippet: "Hi, let's talk.", messageKey: messageKey(message) },
        },
      },
    });
  });

  it("accepts changes per field: update a title (history kept by sync), add a phone, skip a contact's company", () => {
    const known: KnownPerson = {
      type: "lead",
      id: "l1",
      data: personData({ provenance: { name: [] } }),
      companyName: "Acme",
    };
    const prov = { url: null, method: "signature", at: ctx.now, by: "m1" };
    expect(acceptChange(known, { field: "title", before: "VP", after: "COO", kind: "changed" }, prov)).toEqual([
      {
        name: "update",
        args: { type: "lead", id: "l1", set: { title: "COO", provenance: { name: [], title: [prov] } } },
      },
    ]);
    expect(acceptChange(known, { field: "phone", before: null, after: "+1 415 555 0199", kind: "new" }, prov)).toEqual([
      { name: "add", args: { type: "lead", id: "l1", field: "phones", values: ["+1 415 555 0199"] } },
    ]);
    expect(
      acceptChange(
        { ...known, type: "contact" },
        { field: "companyName", before: "Acme", after: "Globex", kind: "changed" },
        prov,
      ),
    ).toEqual([]);
  });

  it("cuts a snippet at a word", () => {
    expect(snippetOf("a ".repeat(10))).toBe("a a a a a a a a a a");
    const long = snippetOf("word ".repeat(100), 40);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.endsWith("word…")).toBe(true);
  });
});
