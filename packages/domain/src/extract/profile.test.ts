import { describe, expect, it } from "vitest";
import { context, fixture } from "./__fixtures__/load.ts";
import { createContext } from "./context.ts";
import { splitHeadline } from "./headline.ts";
import { profile } from "./profile.ts";

describe("splitHeadline", () => {
  it("splits the common forms", () => {
    expect(splitHeadline("VP Sales at Acme")).toEqual({ title: "VP Sales", company: "Acme" });
    expect(splitHeadline("Senior Account Executive | Lumen Pipeline")).toEqual({
      title: "Senior Account Executive",
      company: "Lumen Pipeline",
    });
    expect(splitHeadline("Director of Sales Strategy, Quarry Labs")).toEqual({
      title: "Director of Sales Strategy",
      company: "Quarry Labs",
    });
  });
  it("reads a company written as its account's handle ('CTO @kestrel-labs') as the company's name", () => {
    expect(splitHeadline("CTO @kestrel-labs")).toEqual({ title: "CTO", company: "Kestrel Labs" });
  });
});

describe("developer and social profiles", () => {
  const github = (bio: string) =>
    context(
      '<html><head><meta property="og:type" content="profile"></head><body>' +
        '<h1><span class="p-name vcard-fullname">Chidi Okafor</span><span class="p-nickname">okafor-dev</span></h1>' +
        `<div class="p-note user-profile-bio"><div>${bio}</div></div>` +
        '<ul><li><span class="p-org"><a href="https://github.com/tidewave">@tidewave</a></span></li>' +
        '<li><a rel="nofollow me" href="https://chidi.dev">https://chidi.dev</a></li>' +
        '<li><a rel="nofollow me" href="https://hachyderm.io/@chidi">@chidi@hachyderm.io</a></li>' +
        '<li><a href="https://github.com/tidewave/tw-kv">tw-kv</a></li></ul></body></html>',
      "https://github.com/okafor-dev",
    );
  it("takes no bio for a job title, the organisation's handle as the company, the rel=me links as the person's", () => {
    const [p] = profile.extract(github("Building distributed databases. Rust, Go. Opinions my own.")).people;
    expect(p).toMatchObject({ name: "Chidi Okafor", title: null, companyName: "tidewave", emails: [] });
    expect(p!.urls).toEqual(["https://github.com/okafor-dev", "https://chidi.dev", "https://hachyderm.io/@chidi"]);
  });
  it("reads a bio's opening 'Title @company' and an address written in it", () => {
    const [p] = profile.extract(github("Staff Engineer @tidewave · storage engines · chidi@chidi.dev")).people;
    expect(p).toMatchObject({ title: "Staff Engineer", emails: ["chidi@chidi.dev"] });
  });
  it("reads a Mastodon profile: the name beside the handle, the job its fields state", () => {
    const ctx = context(
      '<div class="account__header__tabs__name"><h1><span>Lena Marsh</span><small><span>@lenamarsh@fosstodon.org</span></small></h1></div>' +
        '<div class="account__header__content"><p>Product designer. Previously <a href="https://mastodon.social/@figma">@figma</a>.</p></div>' +
        '<dl><dt>Work</dt><dd>Design Lead at Quillmetric</dd></dl><dl><dt>Website</dt><dd><a rel="nofollow noopener me" href="https://lenamarsh.design">lenamarsh.design</a></dd></dl>',
      "https://fosstodon.org/@lenamarsh",
    );
    const [p] = profile.extract(ctx).people;
    expect(p).toMatchObject({ name: "Lena Marsh", title: "Design Lead", companyName: "Quillmetric" });
    expect(p!.urls).toEqual(["https://fosstodon.org/@lenamarsh", "https://lenamarsh.design"]);
  });
  it("reads a personal site's owner from its profile meta data, and the address listed with their own links", () => {
    const ctx = context(
      '<html><head><meta property="og:type" content="profile"><meta property="profile:first_name" content="Anna">' +
        '<meta property="profile:last_name" content="Weber"></head><body><h1>About me</h1>' +
        '<p class="lede">Engineering Manager, Platform at Fernwood Analytics</p>' +
        '<ul><li><a rel="me" href="https://github.com/aweber-dev">GitHub</a></li><li>Email: <a href="mailto:hello@annaweber.dev">hello@annaweber.dev</a></li></ul>' +
        '<p>Questions about the site? <a href="mailto:webmaster@host.example">webmaster@host.example</a></p></body></html>',
      "https://annaweber.dev/about/",
    );
    const [p] = profile.extract(ctx).people;
    expect(p).toMatchObject({
      name: "Anna Weber",
      title: "Engineering Manager, Platform",
      companyName: "Fernwood Analytics",
      emails: ["hello@annaweber.dev"],
    });
  });
});

describe("profile source", () => {
  it("reads a LinkedIn profile: name, headline, current company, location, canonical URL", () => {
    const { doc, url } = fixture("linkedin-profile.html");
    const found = profile.extract(createContext(doc, url));
    expect(found.people).toEqual([
      expect.objectContaining({
        name: "Jordan Ellis",
        title: "Senior Product Manager",
        companyName: "Stackfield",
        location: "Berlin, Berlin, Germany",
        urls: ["https://www.linkedin.com/in/jordan-ellis-0a1b2c3"],
      }),
    ]);
  });

  it("stays silent on pages that are not profiles", () => {
    const { doc } = fixture("company-page.html");
    expect(profile.extract(createContext(doc, "https://www.northwind-analytics.com/contact")).people).toEqual([]);
  });
  it("names a profile without a name element after its meta data, and reads the website X shows behind its shortener", () => {
    const forgejo = context(
      '<html><head><meta property="og:type" content="profile"><meta property="og:title" content="Joris van Leeuwen"></head>' +
        '<body><span class="header text center">Joris van Leeuwen</span><a rel="noopener noreferrer me" href="https://jorisvanleeuwen.nl">jorisvanleeuwen.nl</a></body></html>',
      "https://codeberg.org/jvanleeuwen",
    );
    expect(profile.extract(forgejo).people[0]).toMatchObject({
      name: "Joris van Leeuwen",
      urls: ["https://codeberg.org/jvanleeuwen", "https://jorisvanleeuwen.nl"],
    });
    const x = context(
      '<div data-testid="UserName"><span>Saanvi Iyer</span></div><a href="https://t.co/Qm8" data-testid="UserUrl"><span>saanvi.io</span></a>',
      "https://x.com/saanvi_builds",
    );
    expect(profile.extract(x).people[0]!.urls).toEqual(["https://x.com/saanvi_builds", "https://saanvi.io"]);
  });
  it("reads a platform's user page (/handle) that names its handle or links rel=me: job from the bio's opening or a Work field, the links under the name", () => {
    const hub = context(
      '<html><head><title>jdoe (Jana Dvořák)</title><meta name="description" content="Data engineer @ Brookline Labs. Maps and trains."></head>' +
        '<body><nav><a href="https://blog.platform.example">Blog</a></nav><section><h1>Jana Dvořák</h1><div>jdoe</div><p>Maps, trains, tea.</p>' +
        '<a href="https://jana.example" rel="nofollow">jana.example</a><a href="https://github.com/jdoe">jdoe</a><a href="/orgs/brookline">Brookline</a></section></body></html>',
      "https://hub.platform.example/jdoe",
    );
    expect(profile.extract(hub).people[0]).toMatchObject({
      name: "Jana Dvořák",
      title: "Data engineer",
      companyName: "Brookline Labs",
      urls: ["https://hub.platform.example/jdoe", "https://jana.example", "https://github.com/jdoe"],
    });
    const forum = context(
      '<html><head><title>Jana Dvořák - Forum</title></head><body><div class="head"><h1>Jana Dvořák</h1><p>Coffee.</p>' +
        '<a href="mailto:jana@jana.example">jana@jana.example</a><a rel="me" href="https://jana.example">jana.example</a></div>' +
        "<div><strong>Work</strong><p>Staff Engineer at Brookline Labs</p></div></body></html>",
      "https://forum.example/~jdoe",
    );
    expect(profile.extract(forum).people[0]).toMatchObject({
      name: "Jana Dvořák",
      title: "Staff Engineer",
      companyName: "Brookline Labs",
      emails: ["jana@jana.example"],
    });
    // A company's page at a one-part address, naming a person but no handle and linking no `me`: no profile.
    const about = context(
      "<html><head><title>Founder story | Brookline Labs</title></head><body><h1>Jana Dvořák</h1><p>Founder</p></body></html>",
      "https://brookline.example/founder",
    );
    expect(profile.extract(about).people).toEqual([]);
  });
  it("reads the job a platform's own bio element opens with, found by its class", () => {
    const page = context(
      '<html><head><title>Noor Aziz – Journal</title></head><body><div class="side"><h2>Noor Aziz</h2>' +
        '<p class="pw-bio">Staff designer at Quayline. Notes on type and grids.</p></div><h1>Noor Aziz</h1></body></html>',
      "https://journal.example/@nooraziz",
    );
    expect(profile.extract(page).people[0]).toMatchObject({
      name: "Noor Aziz",
      title: "Staff designer",
      companyName: "Quayline",
    });
  });
});
