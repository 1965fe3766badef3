import { describe, expect, it } from "vitest";
import { context } from "./__fixtures__/load.ts";
import { links } from "./links.ts";

describe("links source", () => {
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
