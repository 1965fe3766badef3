import { describe, expect, it } from "vitest";
import { context } from "./__fixtures__/load.ts";
import { links } from "./links.ts";

describe("links source", () => {
  it("reads the name under a heading addressed to the reader ('Ihr Ansprechpartner')", () => {
    const found = links.extract(
      context(
        '<div class="dealer"><h3>Ihr Ansprechpartner</h3><p><strong>Tobias Kessler</strong><br>Verkaufsberater</p>' +
          '<p><a href="mailto:t.kessler@autohaus-kessler.de">t.kessler@autohaus-kessler.de</a></p></div>',
      ),
    );
    expect(found.people.map((p) => p.name)).toEqual(["Tobias Kessler"]);
  });

  it("names no one after the first line of a postal address beside a mailto link", () => {
    const found = links.extract(
      context(
        '<div class="col"><h2>Workshop</h2><address><strong>Kingsley Mill</strong><br>Bridge Lane<br>Holmfirth HD9 7AW</address>' +
          '<p>E: <a href="mailto:workshop@pennine.co.uk">workshop@pennine.co.uk</a></p></div>' +
          '<div class="col"><address>Marsh Barn<br>Low Road<br>Hebden HX7 8AD</address><p><a href="mailto:barn@pennine.co.uk">Write</a></p></div>',
      ),
    );
    expect(found.people.map((p) => p.name)).toEqual([null, null]);
  });

  it("keeps a tel: link's extension (;ext=, a dialler's comma or pause) with its number", () => {
    const found = links.extract(
      context(
        '<table><tr><td>Ruth Okafor</td><td><a href="tel:+1-617-555-0142;ext=231">x231</a></td></tr>' +
          '<tr><td>Tomás Ferreira</td><td><a href="tel:6175550142,,408">ext 408</a></td></tr>' +
          '<tr><td>Front desk</td><td><a href="tel:+16175550100">main</a></td></tr></table>',
      ),
    );
    expect(found.people.flatMap((p) => p.phones)).toEqual([
      "+16175550142 ext. 231",
      "+16175550142 ext. 408",
      "+16175550100",
    ]);
  });

  it("ties a mailto link to the name in its card", () => {
    const found = links.extract(
      context(
        '<div class="card"><h3>Jane Doe</h3><p>Head of Sales</p><a href="mailto:Jane.Doe@acme.com">Email</a></div>',
      ),
    );
    expect(found.people).toEqual([
      expect.objectContaining({
        method: "mailto",
        name: "Jane Doe",
        title: "Head of Sales",
        emails: ["jane.doe@acme.com"],
      }),
    ]);
  });

  it("uses the link text or label when it is a name", () => {
    const found = links.extract(
      context(
        '<p><a href="mailto:bob@acme.com">Bob Stone</a> · <a ' +
          'href="tel:+12065550100" aria-label="Call Bob Stone">☎</a></p>',
      ),
    );
    expect(found.people.map((p) => [p.method, p.name])).toEqual([
      ["mailto", "Bob Stone"],
      ["tel", "Bob Stone"],
    ]);
    expect(found.people[1]!.phones).toEqual(["+12065550100"]);
  });

  it("leaves role mailboxes in lists without a name", () => {
    const found = links.extract(
      context(
        '<ul><li><a href="mailto:sales@acme.com">sales@acme.com</a></li><li><a ' +
          'href="mailto:press@acme.com">press@acme.com</a></li></ul>',
      ),
    );
    expect(found.people.every((p) => p.name === null)).toBe(true);
  });
});
