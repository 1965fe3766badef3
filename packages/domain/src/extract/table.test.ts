import { describe, expect, it } from "vitest";
import { context, fixture } from "./__fixtures__/load.ts";
import { createContext } from "./context.ts";
import { extractPage } from "./page.ts";
import { table } from "./table.ts";

describe("table source", () => {
  it("reads a staff table column by column: first and last name, position, email, phone with its extension", () => {
    const { doc, url } = fixture("staff-table.html");
    expect(
      table.extract(createContext(doc, url)).people.map((p) => [p.name, p.title, p.emails[0], p.phones[0]]),
    ).toEqual([
      ["Adaeze Okonkwo", "Principal", "aokonkwo@harborschools.org", "+13605550140 ext. 101"],
      ["Erik Lindqvist", "Assistant Principal", "elindqvist@harborschools.org", "+13605550140 ext. 102"],
      ["Claire Moreau", "Registrar", "cmoreau@harborschools.org", "+13605550140 ext. 105"],
    ]);
  });

  it("gives the page's people the institution, not the department heading above the table, and no header row", () => {
    const { doc, url } = fixture("staff-table.html");
    const people = extractPage(doc, url).people;
    expect(people.map((p) => p.name)).toEqual(["Adaeze Okonkwo", "Erik Lindqvist", "Claire Moreau"]);
    expect(new Set(people.map((p) => p.companyName))).toEqual(new Set(["Harbor County Schools"]));
  });

  it("reads a name column without degrees, and leaves tables that are not directories", () => {
    const found = table.extract(
      context(
        "<table><thead><tr><th>Name</th><th>Funktion</th><th>E-Mail</th></tr></thead><tbody>" +
          '<tr><td>Prof. Dr.-Ing. Tobias Hartung</td><td>Lehrstuhlinhaber</td><td><a href="mailto:th@th-a.de">th@th-a.de</a></td></tr>' +
          "</tbody></table><table><tr><th>Plan</th><th>Price</th></tr><tr><td>Team Plan</td><td>$49</td></tr></table>",
      ),
    );
    expect(found.people.map((p) => [p.name, p.title])).toEqual([["Tobias Hartung", "Lehrstuhlinhaber"]]);
  });

  it("reads a lone given-name header (Spanish 'Nombre') as the full name's column", () => {
    const found = table.extract(
      context(
        "<table><tr><th>Nombre</th><th>Cargo</th><th>Correo</th></tr>" +
          '<tr><td>Inés Roig i Ferrer</td><td>Socia</td><td><a href="mailto:iroig@bufet.example">iroig@bufet.example</a></td></tr></table>',
      ),
    );
    expect(found.people.map((p) => [p.name, p.title, p.emails[0]])).toEqual([
      ["Inés Roig i Ferrer", "Socia", "iroig@bufet.example"],
    ]);
  });
  it("reads a programme's speakers column: each name with the title and company on its next line, once each", () => {
    const found = table.extract(
      context(
        "<table><tr><th>Zeit</th><th>Thema</th><th>Referent/in</th></tr>" +
          "<tr><td>10:00</td><td>Keynote</td><td>Dr. Ulrike Brandes<br><small>Geschäftsführerin, Lindmark Kunststoffe GmbH</small></td></tr>" +
          "<tr><td>11:00</td><td>Pause</td><td></td></tr>" +
          "<tr><td>12:00</td><td>Podium</td><td>Moderation: Dr. Ulrike Brandes<br>Tarik Demir<br><small>Einkaufsleiter, Vossberg AG</small><br>Lea Fuchs</td></tr></table>",
      ),
    );
    expect(found.people.map((p) => [p.name, p.title, p.companyName])).toEqual([
      ["Ulrike Brandes", "Geschäftsführerin", "Lindmark Kunststoffe GmbH"],
      ["Tarik Demir", "Einkaufsleiter", "Vossberg AG"],
      ["Lea Fuchs", null, null],
    ]);
  });
});
