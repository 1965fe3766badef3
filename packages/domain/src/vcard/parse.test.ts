import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseVcards } from "./parse.ts";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

describe("parseVcards reads the files real address books export", () => {
  it("Google Contacts (3.0): folded lines, escaped colons and commas, N without FN, a photo URL ignored", () => {
    const { cards, errors } = parseVcards(fixture("google-contacts.vcf"));
    expect(errors).toEqual([]);
    expect(cards).toEqual([
      {
        name: "José Müller",
        emails: ["jose.mueller@beispiel.de", "jose.m@gmail.com"],
        phones: ["+49 151 23456789", "+49 30 1234567"],
        title: "Leiter Vertrieb",
        companyName: "Beispiel GmbH",
        website: "http://www.beispiel.de",
      },
      {
        name: "由紀 中村",
        emails: ["yuki.nakamura@sakura-trading.co.jp"],
        phones: ["+81 3-1234-5678"],
        title: "営業部長",
        companyName: "さくら商事株式会社",
      },
      {
        name: "Priya Raghunathan-Venkataraman",
        emails: ["priya.raghunathan-venkataraman@very-long-company-name-example.com", "priya.rv@outlook.com"],
        phones: ["+91 98450 12345", "+91 80 2345 6789", "+91 80 4123 4567"],
        title: "Head of Partnerships",
        companyName: "Very Long Company Name Example Private Limited, Bengaluru Division",
        notes:
          "Met at SaaSBoomi 2024 in Chennai. Interested in the team plan; follow up after Diwali.\nSecond line of the note.",
      },
    ]);
  });

  it("Apple Contacts (3.0): item1.EMAIL groups with X-ABLabel, the preferred email first, folded base64 photos ignored", () => {
    const { cards, errors } = parseVcards(fixture("apple-contacts.vcf"));
    expect(errors).toEqual([]);
    expect(cards).toEqual([
      {
        name: "Søren Østergaard",
        emails: ["soren@nordlys.dk", "s.ostergaard@icloud.com"],
        phones: ["+45 20 12 34 56", "+45 33 12 34 56"],
        title: "Key Account Manager",
        companyName: "Nordlys ApS",
        website: "https://nordlys.dk",
        notes: "Intro via Kasper at TechBBQ.",
      },
      {
        name: "Ångström Labs AB",
        emails: ["hej@angstromlabs.se"],
        phones: ["+46 8 123 456 78"],
        companyName: "Ångström Labs AB",
      },
      {
        name: "Δημήτρης Παπαδόπουλος",
        emails: ["d.papadopoulos@aigaio.gr", "dimitris.p@gmail.com"],
        phones: ["+30 694 123 4567", "+30 210 123 4567", "+30 210 765 4321"],
        title: "Διευθυντής Πωλήσεων",
        companyName: "Αιγαίο Λογισμικό Α.Ε.",
      },
    ]);
    expect(JSON.stringify(cards)).not.toMatch(/\/9j|PHOTO/);
  });

  it("Outlook (2.1): quoted-printable in Windows-1252 and UTF-8, soft line breaks (even inside a character), bare TYPE parameters", () => {
    const { cards, errors } = parseVcards(fixture("outlook.vcf"));
    expect(errors).toEqual([]);
    expect(cards).toEqual([
      {
        name: "Jürgen Müller-Lüdenscheidt",
        emails: ["juergen@baeckerei-mueller.de", "j.mueller@t-online.de"],
        phones: ["+49 (89) 123456-0", "+49 170 1234567"],
        title: "Geschäftsführer",
        companyName: "Bäckerei Müller & Söhne GmbH",
        website: "http://www.baeckerei-mueller.de",
        notes: "Kunde seit 2019, liefert Brötchen für die Messe.\nRückruf vor 10 Uhr, bitte.",
      },
      {
        name: "Françoise Dupré",
        emails: ["francoise.dupre@cremerie-leman.ch", "f.dupre@bluewin.ch", "francoise@dupre.ch"],
        phones: ["+41 21 123 45 67", "+41 79 123 45 67", "+41 21 765 43 21"],
        title: "Directrice commerciale",
        companyName: "Crèmerie du Léman SA",
      },
    ]);
  });

  it("one bad card costs only itself: the cards around it are kept and it is named by its position", () => {
    const good = (name: string) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nEMAIL:${name.toLowerCase()}@x.test\r\nEND:VCARD\r\n`;
    const text = [
      good("Ada"),
      'BEGIN:VCARD\r\nVERSION:3.0\r\nTEL;TYPE="unclosed:+1 555\r\nN:;;;;\r\nEND:VCARD\r\n',
      good("Grace"),
      "BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:nobody\r\nEND:VCARD\r\n",
      good("Linus"),
      "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never ended\r\n",
    ].join("");
    const { cards, errors } = parseVcards(text);
    expect(cards.map((card) => card.name)).toEqual(["Ada", "Grace", "Linus"]);
    expect(errors.map((error) => error.card)).toEqual([2, 4, 6]);
    expect(errors[1]?.message).toBe("The card has no name, company or email");
    expect(errors[2]?.message).toBe("The card has no END:VCARD line");
  });

  it("reads vCard 4.0 with URI values and a UID, and ignores text outside cards", () => {
    const text =
      "junk before\nBEGIN:VCARD\nVERSION:4.0\nFN:Zoë Adams\nEMAIL;PREF=1:zoe@a.test\nTEL;VALUE=uri:tel:+1-555-0100\nUID:urn:uuid:0190f0a0-0000-7000-8000-000000000001\nEND:VCARD\n";
    expect(parseVcards(text)).toEqual({
      cards: [
        {
          name: "Zoë Adams",
          emails: ["zoe@a.test"],
          phones: ["+1-555-0100"],
          uid: "0190f0a0-0000-7000-8000-000000000001",
        },
      ],
      errors: [],
    });
  });

  it("keeps each email once, whatever its case", () => {
    const text = "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEMAIL:a@x.test\nEMAIL:A@X.test\nEND:VCARD\n";
    expect(parseVcards(text).cards[0]?.emails).toEqual(["a@x.test"]);
  });
});
