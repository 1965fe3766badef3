import { describe, expect, it } from "vitest";
import type { CustomFieldDefinition } from "../workspace.ts";
import { guessMapping, headerSetKey } from "./guess-mapping.ts";

describe("guessMapping", () => {
  it("reads English, German, French and Spanish headers", () => {
    expect(guessMapping(["First Name", "Last Name", "Email Address", "Phone", "Company", "Job Title"])).toEqual([
      "firstName",
      "lastName",
      "email",
      "phone",
      "companyName",
      "title",
    ]);
    expect(guessMapping(["Vorname", "Nachname", "E-Mail", "Telefon", "Firma", "Position"])).toEqual([
      "firstName",
      "lastName",
      "email",
      "phone",
      "companyName",
      "title",
    ]);
    expect(guessMapping(["Prénom", "Nom", "Courriel", "Téléphone", "Société", "Poste"])).toEqual([
      "firstName",
      "lastName",
      "email",
      "phone",
      "companyName",
      "title",
    ]);
    expect(guessMapping(["Nombre", "Apellido", "Correo electrónico", "Móvil", "Empresa", "Cargo"])).toEqual([
      "firstName",
      "lastName",
      "email",
      "phone",
      "companyName",
      "title",
    ]);
  });

  it("reads the headers of Google Contacts, Outlook, Pipedrive and LinkedIn exports", () => {
    // Google Contacts today: a value column beside a label column per email and phone.
    expect(
      guessMapping([
        "First Name",
        "Middle Name",
        "Last Name",
        "Organization Name",
        "Organization Title",
        "E-mail 1 - Label",
        "E-mail 1 - Value",
        "Phone 1 - Label",
        "Phone 1 - Value",
        "Labels",
      ]),
    ).toEqual([
      "firstName",
      "ignore",
      "lastName",
      "companyName",
      "title",
      "ignore",
      "email",
      "ignore",
      "phone",
      "tags",
    ]);
    // Google Contacts' older export.
    expect(
      guessMapping([
        "Given Name",
        "Family Name",
        "Group Membership",
        "E-mail 1 - Type",
        "E-mail 1 - Value",
        "E-mail 2 - Value",
        "Organization 1 - Name",
        "Organization 1 - Title",
      ]),
    ).toEqual(["firstName", "lastName", "tags", "ignore", "email", "email", "companyName", "title"]);
    expect(
      guessMapping([
        "First Name",
        "Last Name",
        "Company",
        "Job Title",
        "Business Phone",
        "Home Phone",
        "E-mail Address",
        "E-mail 2 Address",
        "Web Page",
        "Categories",
      ]),
    ).toEqual(["firstName", "lastName", "companyName", "title", "phone", "phone", "email", "email", "website", "tags"]);
    expect(
      guessMapping(["Person - Name", "Person - Email - Work", "Person - Phone - Mobile", "Organization - Name"]),
    ).toEqual(["name", "email", "phone", "companyName"]);
    expect(guessMapping(["First Name", "Last Name", "Email Address", "Company", "Position", "Connected On"])).toEqual([
      "firstName",
      "lastName",
      "email",
      "companyName",
      "title",
      "ignore",
    ]);
  });

  it("maps the rest of the fields, keeps every email and phone column, and ignores unknown or repeated ones", () => {
    expect(
      guessMapping([
        "Name",
        "Website",
        "Lead Status",
        "Owner",
        "Tags",
        "Notes",
        "Mobile",
        "Work Email",
        "Email",
        "Fax",
        "Name",
      ]),
    ).toEqual(["name", "website", "status", "owner", "tags", "notes", "phone", "email", "email", "ignore", "ignore"]);
  });

  it("maps a workspace's lead custom fields by key or label, not other types'", () => {
    const fields = [
      { key: "budget", label: "Budget (EUR)", recordType: "lead", kind: "number", options: [] },
      { key: "tier", label: "Tier", recordType: "company", kind: "text", options: [] },
    ] satisfies CustomFieldDefinition[];
    expect(guessMapping(["Budget (EUR)", "budget", "Tier"], fields)).toEqual(["custom:budget", "ignore", "ignore"]);
  });

  it("keys a header set the same whatever its case and punctuation", () => {
    expect(headerSetKey(["E-Mail", "Name"])).toBe(headerSetKey(["e mail", "NAME"]));
    expect(headerSetKey(["Email", "Name"])).not.toBe(headerSetKey(["Name", "Email"]));
  });
});
