import { describe, expect, it } from "vitest";
import { context, fixture } from "./__fixtures__/load.ts";
import { createContext } from "./context.ts";
import { teamPage } from "./team-page.ts";

describe("team-page source", () => {
  it("reads every card of a team grid", () => {
    const { doc, url } = fixture("team-page.html");
    const found = teamPage.extract(createContext(doc, url));
    expect(found.people.map((p) => p.name)).toEqual(["Sarah Whitfield", "Tom Okafor", "Aisha Khan", "David Lindqvist", "Chloé Martin", "Raj Patel", "Emma Doyle"]);
    expect(found.people[0]).toMatchObject({ title: "Managing Director", emails: ["sarah.whitfield@brightwater.co.uk"], urls: ["https://www.linkedin.com/in/sarahwhitfield"] });
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

  it("ignores navigation lists", () => {
    const found = teamPage.extract(context("<ul><li><a href='/'>Home</a></li><li><a href='/about'>About Us</a></li><li><a href='/team'>Our Team</a></li></ul>"));
    expect(found.people).toEqual([]);
  });
});
