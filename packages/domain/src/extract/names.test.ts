import fc from "fast-check";
import { propertyRuns } from "../property-runs.ts";
import { describe, expect, it } from "vitest";
import { companyFromHandle, emailFitsName, looksLikePersonName, looksLikeTitle, stripNamePrefixes } from "./names.ts";

describe("looksLikePersonName", () => {
  it("refuses street lines and organisations' names", () => {
    for (const text of [
      "Carlton Street",
      "Victoria Square",
      "Rue Oberkampf",
      "Calle Mayor",
      "Hauptstraße",
      "Am Lindenplatz",
      "Orla Systems",
      "Stellan Ventures",
      "Northpoint Capital",
    ])
      expect(looksLikePersonName(text), text).toBe(false);
  });
  it("still takes names that share words with places", () => {
    for (const text of ["Jennifer Park", "Benjamin Hill", "Lois Lane", "Ana Street-Ruiz", "Montserrat Solé i Puig"])
      expect(looksLikePersonName(text), text).toBe(true);
  });
});

describe("stripNamePrefixes", () => {
  it("keeps academic, professional and courtesy titles and post-nominal letters out of the name", () => {
    for (const [raw, name] of [
      ["Prof. Dr.-Ing. Anna Weber", "Anna Weber"],
      ["Dipl.-Ing. (FH) Markus Roth", "Markus Roth"],
      ["Dr. rer. nat. Lena Fischer", "Lena Fischer"],
      ["M.Sc. Jonas Albrecht", "Jonas Albrecht"],
      ["Mr Oliver Grant MCSP", "Oliver Grant"],
      ["Jane Roe, PhD", "Jane Roe"],
      ["Mme Hélène Marchetti", "Hélène Marchetti"],
      ["D. Javier Ortega Ruiz", "Javier Ortega Ruiz"],
      ["i. A. Hans-Peter Müller", "Hans-Peter Müller"],
      ["山田　太郎", "山田 太郎"],
      ["Dr. Hamish Coleridge BVSc", "Hamish Coleridge"],
      ["Dr. Mei Takahashi BVSc (Hons)", "Mei Takahashi"],
      ["Tom Hale CFP®", "Tom Hale"],
      ["Ana Lima MBBS", "Ana Lima"],
    ] as const)
      expect(stripNamePrefixes(raw), raw).toBe(name);
  });
  it("leaves names that only look like a prefix and one word, and first names like Don", () => {
    expect(stripNamePrefixes("Dr. Who")).toBe("Dr. Who");
    expect(stripNamePrefixes("Don Alan Smith")).toBe("Don Alan Smith");
  });
});

describe("emailFitsName", () => {
  it("reads umlauts spelled out in an address", () => {
    expect(emailFitsName("hanspeter.mueller@stadtwerke.de", "Hans-Peter Müller")).toBe(true);
    expect(emailFitsName("j.koessler@x.at", "Jana Kößler")).toBe(true);
    expect(emailFitsName("info@stadtwerke.de", "Hans-Peter Müller")).toBe(false);
  });
  it("answers each address and name alike, whatever was asked before (its folded names are kept)", () => {
    // The answers as they are when nothing was asked before, then asked again in any order, repeated.
    const names = ["Jane Doe", "Jane Dow", "Jané Doe", "JANE DOE", "Doe Jane", "Mark Twain", "Marie Curie", "Jo Li"];
    const emails = ["jane.doe@x.com", "jdoe@x.com", "doe.j@x.com", "mark@x.com", "mcurie@x.com", "joli@x.com"];
    const fresh = new Map(emails.flatMap((e) => names.map((n) => [`${e} ${n}`, emailFitsName(e, n)] as const)));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...emails), fc.constantFrom(...names)), { maxLength: 30 }),
        (asks) => {
          for (const [e, n] of asks) expect(emailFitsName(e, n), `${e} ${n}`).toBe(fresh.get(`${e} ${n}`));
        },
      ),
      { numRuns: propertyRuns(200) },
    );
    expect(fresh.get("jane.doe@x.com Jane Doe")).toBe(true);
    expect(fresh.get("jane.doe@x.com Jane Dow")).toBe(false);
  });
});

describe("Nordic job titles", () => {
  it("reads Swedish, Danish and Norwegian compound titles as titles", () => {
    for (const t of ["Försäljningschef", "Servicetekniker", "Salgssjef", "Ekonomiansvarig"])
      expect(looksLikeTitle(t), t).toBe(true);
    expect(looksLikeTitle("Stockholm")).toBe(false);
  });
  it("reads Italian, Spanish, Portuguese, Polish and Scandinavian job words as titles, not places", () => {
    for (const t of [
      "Agente immobiliare",
      "Socia",
      "Asociada sénior",
      "Kierownik Sprzedaży",
      "Inżynier Aplikacji",
      "Daglig leder",
      "Projektledare",
      "Sivilarkitekt MNAL",
      "Coordenadora de Compras",
      "Vertrieb",
      "Ventas",
      "Maître de conférences",
    ])
      expect(looksLikeTitle(t), t).toBe(true);
    for (const t of ["Kraków", "São Paulo", "Umeå", "Bergen"]) expect(looksLikeTitle(t), t).toBe(false);
  });
});

describe("companyFromHandle", () => {
  it("names a company written as its account's handle", () => {
    expect(companyFromHandle("@tidewave")).toBe("Tidewave");
    expect(companyFromHandle("@kestrel-labs")).toBe("Kestrel Labs");
    expect(companyFromHandle("Acme @ Home")).toBe("Acme @ Home");
  });
});
