import { describe, expect, it } from "vitest";
import { context } from "./__fixtures__/load.ts";
import { textLines } from "./dom.ts";
import { looksLikePersonName } from "./names.ts";

describe("page context: what the sources share", () => {
  it("gives each text node's value at its index", () => {
    const ctx = context("<p>Jane <b>Doe</b></p>\n<p>CTO, <i>Acme</i></p>");
    const nodes = ctx.textNodes();
    expect(ctx.textValues()).toEqual(nodes.map((n) => n.nodeValue));
    expect(ctx.textValues()).toContain("CTO, ");
  });
  it("lists the links that have an href, in document order, with the href as written", () => {
    const ctx = context(
      '<a href="mailto:jane@acme.com">Mail</a><a name="top">Top</a><p><a href=" /team ">Team</a></p><a href="">Here</a>',
    );
    expect(ctx.anchors().map((l) => [l.href, l.a.textContent])).toEqual([
      ["mailto:jane@acme.com", "Mail"],
      [" /team ", "Team"],
      ["", "Here"],
    ]);
  });
  it("reads an element's lines as textLines does, once per extraction", () => {
    const ctx = context('<li id="card"><h3>Jane Doe</h3><p>CTO</p><a href="mailto:j@acme.com">Email</a></li>');
    const card = ctx.doc.getElementById("card")!;
    expect(ctx.lines(card)).toEqual(textLines(card));
    expect(ctx.lines(card)).toBe(ctx.lines(card));
  });
  it("counts an element's mailto: links in any case, once per element for the extraction", () => {
    const ctx = context(
      '<ul id="list"><li><a href="MAILTO:a@acme.com">A</a></li><li><a href="mailto:b@acme.com">B</a></li>' +
        '<li><a href="tel:+1555">C</a><a name="x">D</a><a href="/write?to=mailto:c@acme.com">E</a></li></ul>',
    );
    const list = ctx.doc.getElementById("list")!;
    expect(ctx.mailtos(list)).toBe(2);
    expect(ctx.mailtos(list.querySelector("li")!)).toBe(1);
    // What an element holds, not the element itself (as a query of its subtree counts).
    expect(ctx.mailtos(list.querySelector("a")!)).toBe(0);
    expect(ctx.mailtos(ctx.doc.body)).toBe(2);
    // Remembered: the page does not change while it is read.
    list.querySelector("li")!.remove();
    expect(ctx.mailtos(list)).toBe(2);
  });
  it("answers the name test for the text exactly as asked, whatever was asked before", () => {
    // The remembered answers are keyed by the text exactly as asked: a heading in capitals is no name.
    expect(looksLikePersonName("Jane Doe")).toBe(true);
    expect(looksLikePersonName("JANE DOE")).toBe(false);
    context("<p>Next page</p>");
    expect(looksLikePersonName("JANE DOE")).toBe(false);
    expect(looksLikePersonName("Jane Doe")).toBe(true);
  });
});
