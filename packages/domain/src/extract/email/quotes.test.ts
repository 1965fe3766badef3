import { describe, expect, it } from "vitest";
import { findQuote, stripQuotedText } from "./quotes.ts";

describe("stripQuotedText", () => {
  it("cuts at an 'On … wrote:' header, also when it wraps", () => {
    expect(
      stripQuotedText("Sounds good.\n\nOn Mon, Nov 17, 2025 at 9:12 AM Alex Morgan <alex@x.com>\nwrote:\n> Hi"),
    ).toBe("Sounds good.");
  });
  it("knows reply headers in other languages", () => {
    expect(stripQuotedText("Merci !\n\nLe lun. 17 nov. 2025 à 09:12, Alex <alex@x.com> a écrit :\n> Salut")).toBe(
      "Merci !",
    );
    expect(stripQuotedText("Danke\n\nAm 17.11.2025 um 09:12 schrieb Alex <alex@x.com>:\n> Hallo")).toBe("Danke");
  });
  it("cuts Outlook header blocks and original-message rules", () => {
    expect(
      stripQuotedText(
        "Yes.\n\n________________________________\nFrom: Sam <sam@x.com>\n" +
          "Sent: 18 November 2025 16:20\nTo: P <p@y.com>\nSubject: Hi\n\nOld",
      ),
    ).toBe("Yes.");
    expect(stripQuotedText("Yes.\n-----Original Message-----\nFrom: a@b.com\nOld")).toBe("Yes.");
  });
  it("cuts forwarded history", () => {
    expect(
      stripQuotedText("FYI\n\n---------- Forwarded message ---------\nFrom: Bob <bob@x.com>\nDate: Tue\n\nText"),
    ).toBe("FYI");
  });
  it("keeps text written after a > quote and drops the quote", () => {
    expect(stripQuotedText("Agreed.\n\nOn 03/14/2024 09:15 AM, Ines wrote:\n\n> Old text\n\nRegards, Ines")).toBe(
      "Agreed.\n\nRegards, Ines",
    );
  });
  it("cuts reply headers that end with the author's address and a colon, in any language", () => {
    expect(stripQuotedText('Ok.\n\n14.03.2024, 09.15, "Ines Weber" <ines@beispiel.de>:\n\nAlt')).toBe("Ok.");
    expect(stripQuotedText('Ok.\n\n9:05 AM, March 14, 2024, "Ines Weber" <ines@example.com>:\n\nOld')).toBe("Ok.");
    expect(stripQuotedText("Ок.\n\nчт, 14 мар. 2024 г. в 09:15, Инна <inna@example.ru>:\n\nСтарое")).toBe("Ок.");
    expect(stripQuotedText("Ok.\n\nons. 13. mar. 2024 kl. 10:02 skrev Per Lund <per@example.no\n>:\n\n> Gammel")).toBe(
      "Ok.",
    );
    expect(stripQuotedText("Dzięki.\n\nDnia 14 marca 2024 09:15 Jan Nowak <jan@example.pl> napisał(a):\n\nStare")).toBe(
      "Dzięki.",
    );
  });
  it("cuts GroupWise and cc:Mail headers, and Danish original-message rules", () => {
    expect(stripQuotedText('Will do.\n\n>>> "Lee, Dana" <DLee@example.com> 03/14/01 09:15AM >>>\nDana asks:')).toBe(
      "Will do.",
    );
    expect(
      stripQuotedText("Fine.\n\n____________________Reply Separator____________________\nSubject: Plan\nAuthor: Kim"),
    ).toBe("Fine.");
    expect(
      stripQuotedText("Tak.\n\n-------- Oprindelig besked --------\nFra: A <a@example.dk>\nDato: 04.03.2024"),
    ).toBe("Tak.");
  });
  it("takes a dated caption and a rule above a header block with it", () => {
    expect(
      stripQuotedText(
        "Merci.\n\n====\n\nMessage du : 14/03/2024 09:15\nDe : Léa " +
          "<lea@example.fr>\nA : moi@example.fr\nSujet : Devis\n\nAncien",
      ),
    ).toBe("Merci.");
  });
  it("treats what follows a mobile client's stamp as the original message", () => {
    expect(stripQuotedText("On my way.\n\nSent from my Pixel 8\n\nAre you coming tonight?")).toBe(
      "On my way.\n\nSent from my Pixel 8",
    );
    expect(stripQuotedText("Danke.\n\nGesendet von Outlook für Android\n\nHallo Team")).toBe(
      "Danke.\n\nGesendet von Outlook für Android",
    );
  });
  it("keeps a long quoted line that the client wrapped without '>' in the quote", () => {
    const text =
      "Yes, ship it.\n\nOn Thu, Mar 14, 2024 at 9:15 AM Dana <dana@example.com> wrote:\n> Can we " +
      "ship the release candidate tonight, or should we wait for the final\nsign-off?\n>\n\nThanks";
    expect(stripQuotedText(text)).toBe("Yes, ship it.\n\nThanks");
  });
  it("reports the marker kind", () => {
    expect(findQuote(["a", "On 1 Jan 2020, Bob <b@x.com> wrote:", "> q"])).toEqual({ start: 1, end: 2, kind: "wrote" });
  });
});
