import { describe, expect, it } from "vitest";
import { html } from "./__fixtures__/load.ts";
import { personNear, precedes } from "./near.ts";

describe("precedes", () => {
  it("orders elements across nesting levels", () => {
    const doc = html('<div><p id="x">one</p><section><b>k</b></section><i>z</i></div>');
    const [x, b, i] = ["#x", "b", "i"].map((s) => doc.querySelector(s)!);
    expect([precedes(x!, b!), precedes(b!, i!), precedes(i!, b!), precedes(b!, x!)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});

describe("personNear", () => {
  it("takes the name heading a card before the contact, never the first line of a postal address", () => {
    const doc = html(
      '<div class="card"><section><h3>Ines Carvalho</h3></section><p>Partner</p><p><a href="mailto:ic@x.pt">Email</a></p></div>' +
        '<div class="col"><section><address><strong>Kingsley Mill</strong><br>Bridge Lane</address></section>' +
        '<p><a href="mailto:w@pennine.co.uk">Email</a></p></div>',
    );
    const [ines, mill] = [...doc.querySelectorAll("a")];
    expect(personNear(ines!, "Email").name).toBe("Ines Carvalho");
    expect(personNear(mill!, "Email").name).toBeNull();
  });
  it("never glues a row's cells into one name", () => {
    const doc = html(
      "<table><tr><td>Prof. Dr.-Ing. Tobias Hartung</td><td>Lehrstuhlinhaber</td><td>+49 911 5302 410</td></tr></table>",
    );
    const cell = doc.querySelectorAll("td")[2]!;
    expect(personNear(cell, "+49 911 5302 410").name).toBe("Prof. Dr.-Ing. Tobias Hartung");
  });
});

describe("personNear in a card laid out as fields", () => {
  it("takes the name's field, not the name and the title run together", () => {
    const doc = html(
      '<div class="card"><strong>Katrin Vogel</strong><span>Leiterin Vertrieb</span><a id="t" href="tel:+493023456781">030 2345 6781</a><a href="mailto:k.vogel@vb.de">k.vogel@vb.de</a></div>' +
        '<div class="card"><strong>Michael Brandl</strong><span>Gebietsleiter</span><a href="tel:+498912345670">089 1234 5670</a></div>',
    );
    expect(personNear(doc.getElementById("t")!, "030 2345 6781").name).toBe("Katrin Vogel");
  });
});
