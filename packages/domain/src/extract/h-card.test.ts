import { describe, expect, it } from "vitest";
import { context, html } from "./__fixtures__/load.ts";
import { hCard } from "./h-card.ts";
import { parseMicroformats } from "./microformats.ts";

describe("parseMicroformats", () => {
  it("follows the mf2 canonical shape for a nested p-org h-card", () => {
    const items = parseMicroformats(
      html(
        '<div class="h-card"><a class="p-name u-url" href="http://blog.example/">Ines ' +
          'Okoro</a> (<a class="p-org h-card" href="http://quarry.example/">Quarry Labs</a>)</div>',
      ),
      "http://example.com/",
    );
    expect(items).toEqual([
      {
        type: ["h-card"],
        properties: {
          name: ["Ines Okoro"],
          url: ["http://blog.example/"],
          org: [
            {
              type: ["h-card"],
              properties: { name: ["Quarry Labs"], url: ["http://quarry.example/"] },
              value: "Quarry Labs",
            },
          ],
        },
      },
    ]);
  });

  it("implies name and url in mf2 but not for classic vcards", () => {
    const [mf2] = parseMicroformats(html('<a class="h-card" href="/tom">Tom Reed</a>'), "http://example.com/");
    expect(mf2!.properties).toEqual({ name: ["Tom Reed"], url: ["http://example.com/tom"] });
    const [mf1] = parseMicroformats(html('<a class="vcard" href="/tom">Tom Reed</a>'), "http://example.com/");
    expect(mf1!.properties).toEqual({});
  });
});

describe("h-card source", () => {
  it("reads a classic vcard with email, tel, title and org", () => {
    const found = hCard.extract(
      context(
        '<div class="vcard"><span class="fn">John Doe</span>, <span class="title">CTO</span> ' +
          'at <span class="org">Acme</span><a class="email" ' +
          'href="mailto:john@acme.com?subject=hi">mail</a><span class="tel">+1 206 555 0100</span></div>',
      ),
    );
    expect(found.people).toEqual([
      expect.objectContaining({
        name: "John Doe",
        title: "CTO",
        companyName: "Acme",
        emails: ["john@acme.com"],
        phones: ["+12065550100"],
      }),
    ]);
  });

  it("makes organisation cards companies", () => {
    const found = hCard.extract(
      context(
        '<div class="h-card"><span class="p-name p-org">Acme ' +
          'Inc</span><a class="u-url" href="https://acme.com">site</a></div>',
      ),
    );
    expect(found.people).toEqual([]);
    expect(found.companies).toEqual([expect.objectContaining({ name: "Acme Inc", domain: "acme.com" })]);
  });
});

describe("mentions", () => {
  it("reads an h-card named by a handle alone ('@figma' in a post) as no person", () => {
    const ctx = context(
      '<p>Previously <span class="h-card"><a href="https://mastodon.social/@figma" class="u-url mention">@<span>figma</span></a></span>.</p>' +
        '<div class="h-card"><span class="p-name">Jane Doe</span></div>',
    );
    expect(hCard.extract(ctx).people.map((p) => p.name)).toEqual(["Jane Doe"]);
  });
});
