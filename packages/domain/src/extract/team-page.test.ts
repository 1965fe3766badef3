import { describe, expect, it } from "vitest";
import { context, fixture } from "./__fixtures__/load.ts";
import { createContext } from "./context.ts";
import { teamPage } from "./team-page.ts";

describe("team-page source", () => {
  it("reads every card of a team grid", () => {
    const { doc, url } = fixture("team-page.html");
    const found = teamPage.extract(createContext(doc, url));
    expect(found.people.map((p) => p.name)).toEqual([
      "Sarah Whitfield",
      "Tom Okafor",
      "Aisha Khan",
      "David Lindqvist",
      "Chloé Martin",
      "Raj Patel",
      "Emma Doyle",
    ]);
    expect(found.people[0]).toMatchObject({
      title: "Managing Director",
      emails: ["sarah.whitfield@brightwater.co.uk"],
      urls: ["https://www.linkedin.com/in/sarahwhitfield"],
    });
  });

  it("keeps a card's profile links, relative or absolute, and takes no page address for an empty or plain link", () => {
    const card = (name: string, links: string) => `<li class="member"><h3>${name}</h3><p>Maintainer</p>${links}</li>`;
    const markup =
      "<ul>" +
      card("Jane Doe", '<a href="">Refresh</a> <a href="/janedoe">GitHub</a>') +
      card("Omar Haddad", '<a href="https://X.com/@OHaddad">X</a> <a href="https://acme.example/blog">Blog</a>') +
      card("Mika Kato", '<a href="https://www.linkedin.com/in/mika-kato/">LinkedIn</a>') +
      "</ul>";
    // On a network's own page, a relative link is a profile there; an empty one is the page itself, no one's link.
    const onNetwork = teamPage.extract(context(markup, "https://github.com/acme"));
    expect(onNetwork.people.map((p) => [p.name, p.urls])).toEqual([
      ["Jane Doe", ["https://github.com/janedoe"]],
      ["Omar Haddad", ["https://x.com/ohaddad"]],
      ["Mika Kato", ["https://www.linkedin.com/in/mika-kato"]],
    ]);
    const elsewhere = teamPage.extract(context(markup, "https://acme.example/team"));
    expect(elsewhere.people.map((p) => p.urls)).toEqual([
      [],
      ["https://x.com/ohaddad"],
      ["https://www.linkedin.com/in/mika-kato"],
    ]);
  });

  it("reads a small list of just three cards, each a linked name, and no list of single words", () => {
    const ctx = context(
      "<ul>" +
        '<li><a href="mailto:ana@acme.com"><b>Ana Ruiz</b></a></li>' +
        '<li><a href="mailto:tom@acme.com"><b>Tom Hale</b></a></li>' +
        '<li><a href="mailto:mia@acme.com"><b>Mia Chen</b></a></li>' +
        "</ul><ul><li>Robotics</li><li>WMS</li><li>Tier 1</li></ul>",
    );
    expect(teamPage.extract(ctx).people.map((p) => [p.name, p.emails])).toEqual([
      ["Ana Ruiz", ["ana@acme.com"]],
      ["Tom Hale", ["tom@acme.com"]],
      ["Mia Chen", ["mia@acme.com"]],
    ]);
  });

  it("reads cards of preformatted text, a name and a title on lines of their own, and no list of bare names", () => {
    const ctx = context(
      "<div><pre>Ana Ruiz\nChief Executive Officer</pre><pre>Tom Hale\nHead of Sales</pre>" +
        "<pre>Mia Chen\nLead Designer</pre></div><ul><li>Lena Hoffmann</li><li>Marco Bellini</li><li>Sofia Reyes</li></ul>",
    );
    expect(teamPage.extract(ctx).people.map((p) => [p.name, p.title])).toEqual([
      ["Ana Ruiz", "Chief Executive Officer"],
      ["Tom Hale", "Head of Sales"],
      ["Mia Chen", "Lead Designer"],
    ]);
  });

  it("splits speaker bylines into title and company", () => {
    const { doc, url } = fixture("speakers.html");
    const found = teamPage.extract(createContext(doc, url));
    expect(found.people.map((p) => [p.name, p.title, p.companyName])).toEqual([
      ["Lena Hoffmann", "VP Revenue Operations", "Fernbank"],
      ["Marco Bellini", "Director of Sales Strategy", "Quarry Labs"],
      ["Grace Adeyemi", "Chief Revenue Officer", "Tallyhive"],
      ["Kenji Watanabe", "Founder & CEO", "Lumen Pipeline"],
      ["Sofia Reyes", "Head of Growth", "Orbit CRM"],
    ]);
  });

  it("takes no session's heading for its speaker's title, nor any line of a session card", () => {
    const session = (id: number, title: string, speaker: string) =>
      `<div class="session"><div class="session__time">${9 + id}:00</div><h3 class="session__title">${title}</h3>` +
      `<ul class="session__speakers"><li>${speaker}</li></ul><div class="session__tags">Keynote · Data</div></div>`;
    const found = teamPage.extract(
      context(
        `<main>${session(0, "Keynote: Tables all the way down", "Noor Haddad")}${session(1, "Shipping analytics in a week", "Piet de Wit")}` +
          `${session(2, "Panel: Budgets and bills", "Sam Achebe")}</main>`,
      ),
    );
    // Bare names are no list of people to read (the speakers' own cards, elsewhere, give their titles).
    expect(found.people.map((p) => [p.name, p.title])).toEqual([]);
  });

  it("reads a pair of cards that mark their names and state job titles, not a pair of organisations or bare names", () => {
    const card = (name: string, role: string) =>
      `<div class="member"><img src="/${name}.jpg" alt="${name}"><div class="member-name">${name}</div><div class="member-role">${role}</div></div>`;
    const founders = teamPage.extract(
      context(
        `<section><h2>Leadership</h2><div class="grid">${card("Ilse Marten", "CEO & Co-founder")}${card("Joost Rijn", "CTO & Co-founder")}</div></section>`,
      ),
    );
    expect(founders.people.map((p) => [p.name, p.title])).toEqual([
      ["Ilse Marten", "CEO & Co-founder"],
      ["Joost Rijn", "CTO & Co-founder"],
    ]);
    const untitled = teamPage.extract(
      context(`<div class="grid">${card("Ilse Marten", "Rotterdam")}${card("Joost Rijn", "Utrecht")}</div>`),
    );
    expect(untitled.people).toEqual([]);
    const investors = teamPage.extract(
      context(
        `<h2>Our investors</h2><div class="grid">${card("Ilse Marten", "Managing Director")}${card("Joost Rijn", "Managing Director")}</div>`,
      ),
    );
    expect(investors.people).toEqual([]);
  });

  it("ignores navigation lists", () => {
    const found = teamPage.extract(
      context(
        "<ul><li><a href='/'>Home</a></li><li><a href='/about'>About " +
          "Us</a></li><li><a href='/team'>Our Team</a></li></ul>",
      ),
    );
    expect(found.people).toEqual([]);
  });

  it("tolerates a few cards without a person, not a majority of the sample", () => {
    const card = (name: string) => `<li><h3>${name}</h3><p>Account Executive</p></li>`;
    const names = ["Jane Doe", "Omar Haddad", "Lea Berg", "Ivo Marx", "Ana Lima", "Tom Reed"];
    const oneMiss =
      `<ul>${card(names[0]!)}<li><h3>Join us</h3><p>Open ` + `roles</p></li>${names.slice(1).map(card).join("")}</ul>`;
    expect(teamPage.extract(context(oneMiss)).people.map((p) => p.name)).toEqual(names);
    const threeMisses =
      `<ul>${["Careers", "Press", "Contact"].map((t) => `<li><h3>${t}</h3><p>More</p></li>`).join("")}` +
      `${names.map(card).join("")}</ul>`;
    expect(teamPage.extract(context(threeMisses)).people).toEqual([]);
  });

  it("reads no people from a section of sponsors, investors or partners, but does from their people's cards", () => {
    const cards = (names: string[], line: string) =>
      names.map((n) => `<div class="item"><h3>${n}</h3><p>${line}</p></div>`).join("");
    const sponsors = ["Marlow Grant", "Fenwick Byte", "Hollis Reed"];
    for (const section of [
      `<section><h2>Our sponsors</h2><div class="grid">${cards(sponsors, "Cloud data warehouse")}</div></section>`,
      `<div class="investors-list">${cards(sponsors, "Seed and Series A")}</div>`,
      `<section><h2>Trusted by</h2><div>${cards(sponsors, "Retail analytics")}</div></section>`,
    ])
      expect(teamPage.extract(context(section)).people, section).toEqual([]);
    const resellers = `<div class="partner-directory">${cards(["Morgan Lewis", "Harper Reed", "Sterling Hayes"], "Implementation partner · UK")}</div>`;
    expect(teamPage.extract(context(resellers)).people).toEqual([]);
    const partnersPeople = `<section><h2>Our partners</h2><div>${cards(["Ana Lima", "Tom Reed", "Lea Berg"], "Managing Partner")}</div></section>`;
    expect(teamPage.extract(context(partnersPeople)).people.map((p) => p.name)).toEqual([
      "Ana Lima",
      "Tom Reed",
      "Lea Berg",
    ]);
  });
});

describe("cards with a CJK name", () => {
  it("names the person by the name marked as one, not by its romanised reading", () => {
    const card = (role: string, name: string, en: string) =>
      `<div class="member"><p class="member__role">${role}</p><p class="member__name">${name}</p><p class="member__en">${en}</p></div>`;
    const ctx = context(
      `<div class="members">${card("代表取締役CEO", "田中 誠", "Makoto Tanaka")}${card("取締役CTO", "小林 翔太", "Shota Kobayashi")}${card("執行役員", "渡辺 彩", "Aya Watanabe")}</div>`,
    );
    expect(teamPage.extract(ctx).people.map((p) => [p.name, p.title])).toEqual([
      ["田中 誠", "代表取締役CEO"],
      ["小林 翔太", "取締役CTO"],
      ["渡辺 彩", "執行役員"],
    ]);
  });
});
