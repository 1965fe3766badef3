import { describe, expect, it } from "vitest";
import { html } from "./__fixtures__/load.ts";
import { blockText, textLines, textOf } from "./dom.ts";

describe("text boundaries", () => {
  it("keeps two links written back to back apart (an email and a 'LinkedIn' link)", () => {
    const doc = html(
      '<p id="p"><a href="mailto:p.desai@acme.com">p.desai@acme.com</a><a href="https://www.linkedin.com/in/pd">LinkedIn</a></p>',
    );
    expect(blockText(doc.body).trim()).toBe("p.desai@acme.com LinkedIn");
    expect(textOf(doc.getElementById("p"))).toBe("p.desai@acme.com LinkedIn");
  });
  it("reads three or more fields laid out without text between them as lines", () => {
    const doc = html(
      '<div class="row"><span class="name">Marta Lindqvist</span><span class="title">Försäljningschef</span><span class="email">marta@fjord.se</span></div>',
    );
    expect(textLines(doc.body)).toEqual(["Marta Lindqvist", "Försäljningschef", "marta@fjord.se"]);
  });
  it("keeps a row with separators of its own on one line", () => {
    const doc = html("<p><span>Director, Partnerships</span><span> | </span><span>Corvis</span></p>");
    expect(textLines(doc.body)).toEqual(["Director, Partnerships | Corvis"]);
  });
  it("glues nothing that the page writes as one word", () => {
    const doc = html("<p id='p'>Jo<b>hn</b> and <em>Mü</em>ller, <a href='/x'>Ann</a> Lee</p>");
    expect(textOf(doc.getElementById("p"))).toBe("John and Müller, Ann Lee");
    expect(blockText(doc.body).trim()).toBe("John and Müller, Ann Lee");
  });
});
