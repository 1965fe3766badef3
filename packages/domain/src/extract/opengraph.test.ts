import { describe, expect, it } from "vitest";
import { context } from "./__fixtures__/load.ts";
import { openGraph } from "./opengraph.ts";

describe("opengraph source", () => {
  it("reads the site name as the company and the twitter:site handle", () => {
    const found = openGraph.extract(
      context(
        '<html><head><meta property="og:site_name" content="Acme"><meta ' +
          'name="twitter:site" content="@AcmeHQ"></head><body></body></html>',
        "https://www.acme.com/blog/post",
      ),
    );
    expect(found.companies).toEqual([
      expect.objectContaining({
        name: "Acme",
        domain: "acme.com",
        website: "https://www.acme.com",
        urls: ["https://x.com/acmehq"],
      }),
    ]);
  });

  it("reads a profile page's person", () => {
    const found = openGraph.extract(
      context(
        '<html><head><meta property="og:type" content="profile"><meta property="profile:first_name" ' +
          'content="Jane"><meta property="profile:last_name" content="Doe"><meta property="og:url" ' +
          'content="https://www.linkedin.com/in/JaneDoe/"></head><body></body></html>',
        "https://www.linkedin.com/in/janedoe/",
      ),
    );
    expect(found.people).toEqual([
      expect.objectContaining({ name: "Jane Doe", urls: ["https://www.linkedin.com/in/janedoe"] }),
    ]);
  });
});
