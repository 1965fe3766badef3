import { describe, expect, it } from "vitest";
import { context, fixture } from "./__fixtures__/load.ts";
import { createContext } from "./context.ts";
import { isEventPage } from "./event-page.ts";
import { extractPage } from "./page.ts";

const EVENT_PAGES = ["speakers.html", "event-json-ld.html", "meetup-speakers.html", "event-microdata.html"];
const COMPANY_PAGES = ["team-page.html", "company-page.html", "customer-story.html", "local-business.html"];

describe("event pages: the event's site is never a speaker's", () => {
  it.each(EVENT_PAGES)("%s is an event page", (name) => {
    const { doc, url } = fixture(name);
    expect(isEventPage(createContext(doc, url))).toBe(true);
  });

  it.each(COMPANY_PAGES)("%s is not an event page", (name) => {
    const { doc, url } = fixture(name);
    expect(isEventPage(createContext(doc, url))).toBe(false);
  });

  it.each(EVENT_PAGES)("%s: no speaker inherits the event's website, domain or name", (name) => {
    const { doc, url } = fixture(name);
    const result = extractPage(doc, url);
    expect(result.people.length).toBeGreaterThan(1);
    const event = result.companies.find((c) => c.event);
    expect(event).toBeDefined();
    for (const person of result.people) {
      expect(person.website).toBeNull();
      if (event?.name) expect(person.companyName).not.toBe(event.name);
    }
  });

  it("keeps what speakers say about their own employers", () => {
    const { doc, url } = fixture("event-json-ld.html");
    const result = extractPage(doc, url);
    expect(result.people.map((p) => [p.name, p.companyName])).toEqual([
      ["Inês Duarte", null],
      ["Tomas Lindqvist", "Skyforge"],
    ]);
    expect(result.companies.find((c) => c.name === "Skyforge")?.event).toBe(false);
  });

  it("an organiser's own staff (address at the event's domain) do work there", () => {
    const doc = context(
      "<h1>RoboConf 2026</h1><h2>Speakers</h2><div class='speaker'><h3>Ada Park</h3><p>CTO, Nimbus</p></div>" +
        "<h2>Contact the organisers</h2><div class='person'><h3>Paula Nguyen</h3><p>Programme chair</p>" +
        "<a href='mailto:paula.nguyen@roboconf.io'>paula.nguyen@roboconf.io</a></div>",
      "https://roboconf.io/2026",
    ).doc;
    doc.title = "RoboConf 2026 | RoboConf";
    const result = extractPage(doc, "https://roboconf.io/2026");
    const paula = result.people.find((p) => p.name === "Paula Nguyen");
    expect(paula?.website).toBe("https://roboconf.io");
    for (const p of result.people) if (p.name !== "Paula Nguyen") expect(p.website).toBeNull();
  });

  it("a word alone does not make an event: 'conference' in a company's name, 'sessions' on a product page", () => {
    expect(
      isEventPage(
        context("<title>Team | Acme Conference Systems</title><h1>Our team</h1>", "https://acme-av.com/team"),
      ),
    ).toBe(false);
    expect(
      isEventPage(context("<title>Pricing | Replayly</title><h2>Session replay</h2>", "https://replayly.com/pricing")),
    ).toBe(false);
  });

  it("a talk nested in a person's own page does not make it an event page", () => {
    const markup =
      "<div itemscope itemtype='https://schema.org/Person'><span itemprop='name'>Maya Lindgren</span>" +
      "<div itemprop='performerIn' itemscope itemtype='https://schema.org/Event'><span itemprop='name'>JSConf talk</span></div></div>";
    expect(isEventPage(context(markup, "https://mayalindgren.dev/talks"))).toBe(false);
  });
});

describe("a company's own pages: its people work there", () => {
  it("a team page's people get the company's website", () => {
    const { doc, url } = fixture("team-page.html");
    const people = extractPage(doc, url).people;
    expect(people.length).toBe(7);
    for (const p of people) expect(p.website).toBe("https://www.brightwater.co.uk");
  });

  it("someone quoted from another company gets neither the page's company nor its website", () => {
    const { doc, url } = fixture("customer-story.html");
    const result = extractPage(doc, url);
    expect(result.people.find((p) => p.name === "Dana Whitfield")).toMatchObject({
      companyName: "Globex",
      website: null,
    });
    expect(result.people.find((p) => p.name === "Ruth Adler")).toMatchObject({
      companyName: "Parcelwise",
      website: "https://www.parcelwise.com",
    });
    expect(result.companies[0]).toMatchObject({ name: "Parcelwise", event: false, phones: ["+441130000000"] });
  });
});
