import { describe, expect, it } from "vitest";
import { fixture, fixtureText, html } from "../__fixtures__/load.ts";
import { CaptureResultSchema } from "../result.ts";
import { parseEml } from "./eml.ts";
import { extractEmail, extractEmailDetailed } from "./extract-email.ts";
import { readGmailMessage } from "./gmail.ts";
import { readOutlookMessage } from "./outlook.ts";

describe("extractEmail", () => {
  it("merges the Gmail sender with their signature into one person", () => {
    const result = extractEmail(readGmailMessage(fixture("gmail-message.html").doc)!);
    expect(CaptureResultSchema.parse(result)).toEqual(result);
    expect(result.people).toEqual([
      expect.objectContaining({
        name: "Dana Whitaker",
        emails: ["dana.whitaker@lumenpipeline.com"],
        phones: ["+16465550134"],
        title: "Senior Account Executive",
        companyName: "Lumen Pipeline",
        sources: ["email-header", "signature"],
      }),
    ]);
    expect(result.companies).toEqual([
      expect.objectContaining({ name: "Lumen Pipeline", domain: "lumenpipeline.com" }),
    ]);
    expect(result.email).toEqual({
      from: { name: "Dana Whitaker", address: "dana.whitaker@lumenpipeline.com" },
      subject: "Re: Pilot pricing for Q1",
      date: new Date(2025, 10, 18, 10, 4).toISOString(),
    });
  });

  it("reads an Outlook message and leaves the disclaimer and quoted reply out", () => {
    const result = extractEmail(readOutlookMessage(fixture("outlook-message.html").doc)!);
    expect(result.people[0]).toMatchObject({
      name: "Priyanka Shah",
      title: "Account Director",
      companyName: "Corvid Systems Ltd",
      phones: ["+442079460811", "+447911123456"],
    });
    expect(JSON.stringify(result)).not.toContain("Harbourline");
  });

  it("reads an .eml with encoded words, a signature and a quoted reply", async () => {
    const message = await parseEml(fixtureText("reply-with-signature.eml"));
    expect(message.from).toEqual({ name: "Michał Kowalski", address: "m.kowalski@tessera-bio.com" });
    expect(message.cc).toEqual([{ name: "Ines Duarte", address: "ines.duarte@tessera-bio.com" }]);
    const result = extractEmail(message, { parseHtml: html });
    expect(result.people).toEqual([
      expect.objectContaining({
        name: "Michał Kowalski",
        title: "Head of Business Development",
        companyName: "Tessera Biosystems Sp. z o.o.",
        phones: ["+48221234567", "+48601234567"],
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain("Foundry");
    expect(result.email?.date).toBe("2025-11-20T07:45:10.000Z");
  });

  it("gives the displayed date as ISO 8601 in the reader's day-month order, and null when it is not a date", () => {
    const message = {
      from: { name: "Ana Ruiz", address: "ana@example.com" },
      to: [],
      cc: [{ name: "Ben Ode", address: "ben@example.com" }],
      subject: "Hi",
      text: "Hi!",
    };
    expect(extractEmail({ ...message, date: "Wed 03/12/2025 14:32" }, { defaultRegion: "GB" }).email?.date).toBe(
      new Date(2025, 11, 3, 14, 32).toISOString(),
    );
    expect(extractEmail({ ...message, date: "Wed 03/12/2025 14:32" }).email?.date).toBe(
      new Date(2025, 2, 12, 14, 32).toISOString(),
    );
    expect(extractEmail({ ...message, date: "Yesterday" }).email?.date).toBeNull();
    // Cc recipients are not people the capture implies.
    expect(extractEmail({ ...message, date: null }).people.map((p) => p.name)).toEqual(["Ana Ruiz"]);
  });

  it("names a sender without a display name from the address, and skips free-mail companies", () => {
    const result = extractEmail({
      from: { name: null, address: "jane.doe@gmail.com" },
      to: [],
      cc: [],
      subject: null,
      date: null,
      text: "Hi!",
    });
    expect(result.people[0]!.name).toBe("Jane Doe");
    expect(result.companies).toEqual([]);
  });

  it("makes no person of a newsletter, a role mailbox or a no-reply sender: the company, reached at a list's address", () => {
    const message = (name: string | null, address: string) => ({
      from: { name, address },
      to: [],
      cc: [],
      subject: "This week",
      date: null,
      text: "Five reads for your week.\n\nThe Fabrikam Weekly team",
    });
    const noreply = extractEmail(message("Fabrikam Weekly", "noreply@news.fabrikam.com"));
    expect(noreply.people).toEqual([]);
    expect(noreply.companies).toEqual([expect.objectContaining({ domain: "fabrikam.com", emails: [] })]);
    const list = extractEmail(message("Fabrikam Weekly", "newsletter@fabrikam.com"));
    expect(list.people).toEqual([]);
    expect(list.companies).toEqual([
      expect.objectContaining({ domain: "fabrikam.com", emails: ["newsletter@fabrikam.com"] }),
    ]);
    expect(extractEmail(message("Marta from Brightdesk", "do-not-reply@brightdesk.com")).people).toEqual([]);
    expect(extractEmail(message("Fabrikam Support", "support@fabrikam.com")).people).toEqual([]);
    // A person writing from a role mailbox is still a person.
    expect(extractEmail(message("Jana Novak", "hello@novak.design")).people.map((p) => p.name)).toEqual(["Jana Novak"]);
  });

  it("turns a directory's 'Last, First' around when the signature or the address agrees, else keeps it", () => {
    const message = (name: string, address: string, text: string) => ({
      from: { name, address },
      to: [],
      cc: [],
      subject: "Review",
      date: null,
      text,
    });
    const signed = extractEmail(
      message(
        "Raman, Priya",
        "praman@fabrikam.com",
        "Thursday works.\n\nBest regards,\nPriya Raman\nVP of Engineering\nFabrikam, Inc.",
      ),
    );
    expect(signed.people[0]).toMatchObject({ name: "Priya Raman", title: "VP of Engineering" });
    // The signature writes degrees the header leaves out: still the sender's block.
    const degrees = extractEmail(
      message(
        "Holt-Ekberg, Maren",
        "maren.holt-ekberg@norrlab.example",
        "Week 40 works.\n\nKind regards,\n\nProf. Dr. Maren Holt-Ekberg\nHead of Sales Engineering\nNorrlab Research AB\nTel: +46 8 555 012 34",
      ),
    );
    expect(degrees.people).toHaveLength(1);
    expect(degrees.people[0]).toMatchObject({
      name: "Maren Holt-Ekberg",
      title: "Head of Sales Engineering",
      companyName: "Norrlab Research AB",
    });
    expect(extractEmail(message("Müller, Hans-Peter", "hanspeter.mueller@swl.de", "Anbei.")).people[0]!.name).toBe(
      "Hans-Peter Müller",
    );
    // Nothing agrees: a team's name with a comma is kept as written.
    expect(extractEmail(message("Sales, EMEA", "r.okafor@acme.com", "Hello.")).people[0]!.name).toBe("Sales, EMEA");
  });

  it("writes a CJK name's full-width space as a space", () => {
    const result = extractEmail({
      from: { name: "山田\u3000太郎", address: "t.yamada@kawaguchi-seiki.co.jp" },
      to: [],
      cc: [],
      subject: null,
      date: null,
      text: "よろしくお願いいたします。",
    });
    expect(result.people[0]!.name).toBe("山田 太郎");
  });

  it("does not give the sender someone else's signature", () => {
    const detailed = extractEmailDetailed({
      from: { name: "Amy Assistant", address: "amy@acme.com" },
      to: [],
      cc: [],
      subject: "For Bob",
      date: null,
      text: "Sending on Bob's behalf.\n\nBob Boss\nChief Executive Officer\nAcme Corp.\n+1 206 555 0100",
    });
    expect(detailed.people[0]).toMatchObject({ name: "Amy Assistant", title: null, phones: [] });
  });

  it("rejects a file that is not a message", async () => {
    await expect(parseEml("just some words")).rejects.toThrow();
  });
});
