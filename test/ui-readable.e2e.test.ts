import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { fixture, openAt, serveAt } from "./support/capture-helpers.ts";
import { seriousAxeLines } from "./support/axe.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { apiCall, signInProfile, signUpOwner, type Joined } from "./support/sync-session.ts";

const skip = e2eSkipReason();

const PROFILE_URL = "https://www.linkedin.com/in/aoife-marquez";
const EMAIL = "aoife.marquez.oconnell.partnerships.emea@pipedreamanalyticsinternational.io";
const TEAM_PAGE = "https://pipedream-analytics-international.io/about/our-team-and-advisors";

/**
 * Everything a rep reads is readable: a contact seeded over HTTP with a phone, links, a company, a
 * status change, a logged email and three captures from one page shows, in a 360-px side panel
 * without sideways scrolling, its phone formatted as a tel: link, its links by site, the timeline
 * in words ("Status: New → Qualified", "Email from … · logged by …", one capture entry counted
 * three times); the contacts list shows its company, the board its contact and company; search
 * finds it without accents and by its phone typed another way; the never-capture list refuses
 * what is not a site and confirms what it saves.
 */
describe.skipIf(skip)("readable everywhere", () => {
  let api: ApiProcess;
  let alice: Profile;
  let owner: Joined;

  beforeAll(async () => {
    api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
    alice = await launchProfile();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail" || !alice) return;
    let i = 0;
    for (const page of alice.context.pages())
      await screenshot(page, `failure-ui-readable-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await alice?.close();
    await api?.dispose();
  });

  const post = <T = { id: string }>(path: string, body: unknown) =>
    apiCall<T>(api.url, "POST", path, owner.token, body);
  const activity = (subject: { type: string; id: string }, type: string, minutesAgo: number, fields: object) =>
    post("/v1/activities", {
      type,
      subject,
      occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
      authorId: owner.member.id,
      ...fields,
    });

  /** Horizontal overflow of the page: how far its content is wider than its window. */
  const sidewaysOverflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  /**
   * Elements that stick out past the window's right edge without a box that clips them (an
   * ellipsis clips on purpose): text a rep would have to scroll sideways to read, or cannot see.
   */
  const stickingOut = (page: Page) =>
    page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
          if (getComputedStyle(p).overflowX !== "visible") return true;
        return false;
      };
      return [...document.querySelectorAll("body *")]
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.width > 0 && box.right > width + 0.5 && !clipped(el);
        })
        .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? "").slice(0, 60)}`);
    });

  it("shows a contact, its timeline, lists, board, search and settings in words a rep reads", async () => {
    owner = await signUpOwner(api.url);
    // A lead as capture leaves it: a phone, links, a long email and a long company name.
    const lead = await post("/v1/leads", {
      name: "Aoife Márquez",
      title: "Head of Strategic Partnerships and Channel Alliances, EMEA",
      companyName: "Pipedream Analytics International",
      emails: [EMAIL],
      phones: ["+14155550100"],
      urls: [PROFILE_URL, "https://github.com/aoifem"],
      website: "https://pipedream-analytics-international.io",
      status: "qualified",
      source: { kind: "web", url: TEAM_PAGE },
    });
    const capture = {
      body: "Captured from Our team and advisors · Pipedream Analytics International",
      data: {
        url: TEAM_PAGE,
        title: "Our team and advisors · Pipedream Analytics International",
        methods: ["layout", "mailto"],
      },
    };
    for (const minutesAgo of [300, 200, 100])
      await activity({ type: "lead", id: lead.id }, "capture", minutesAgo, capture);
    await activity({ type: "lead", id: lead.id }, "status_change", 90, {
      data: { from: "new", to: "qualified", reason: null },
    });
    const converted = await post<{ contact: { id: string }; company: { id: string }; deal: { id: string } }>(
      `/v1/leads/${lead.id}/convert`,
      { deal: { title: "Pipedream analytics rollout", amount: 1_920_000 } },
    );
    await apiCall(api.url, "PATCH", `/v1/companies/${converted.company.id}`, owner.token, {
      address: "Unit 4, The Digital Exchange Building, Crane Street, Dublin 8, D08 HKR9, Ireland",
    });
    await apiCall(api.url, "PATCH", `/v1/deals/${converted.deal.id}`, owner.token, { stage: "proposal" });
    await activity({ type: "deal", id: converted.deal.id }, "stage_change", 30, {
      data: { from: "qualification", to: "proposal" },
    });
    // An email Aoife wrote that Alice logged.
    await activity({ type: "contact", id: converted.contact.id }, "email", 10, {
      body: "Could you send the pricing for 40 seats before Thursday?",
      data: {
        direction: "inbound",
        subject: "Pricing for the EMEA rollout",
        from: { name: "Aoife Márquez", address: EMAIL },
      },
    });

    await signInProfile(alice, api.url, owner);
    await alice.context.route(`${PROFILE_URL}**`, (route) =>
      route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: "<!doctype html><title>Aoife Márquez | LinkedIn</title><h1>Aoife Márquez</h1>",
      }),
    );
    const profilePage = await alice.context.newPage();
    await profilePage.goto(PROFILE_URL);
    const panel = await alice.openExtensionPage(`sidepanel.html?tabId=${await alice.tabIdOf(profilePage)}`);
    await panel.setViewportSize({ width: 360, height: 900 });

    // 1. The side panel at 360 px: the contact, readable, without sideways scrolling.
    const card = panel.getByTestId("record-contact");
    await card.waitFor({ timeout: 30_000 });
    const phone = card.getByTestId("record-phones").getByRole("link");
    await expect.poll(() => phone.textContent(), { timeout: 20_000 }).toBe("(415) 555-0100");
    expect(await phone.getAttribute("href")).toBe("tel:+14155550100");
    const links = card.getByTestId("record-links");
    expect(await links.getByRole("link", { name: "LinkedIn · aoife-marquez" }).getAttribute("href")).toBe(PROFILE_URL);
    expect(await links.getByRole("link", { name: "GitHub · aoifem" }).getAttribute("href")).toBe(
      "https://github.com/aoifem",
    );
    expect(await card.textContent()).toContain("Pipedream Analytics International");

    const timeline = panel.getByRole("list", { name: "Timeline" });
    await expect.poll(() => timeline.textContent(), { timeout: 20_000 }).toContain("Email from Aoife Márquez");
    const email = panel.getByTestId("activity-email");
    expect(await email.textContent()).toMatch(/^Email from Aoife Márquez · logged by Alice Rep · /);
    expect(await email.textContent()).toContain("Pricing for the EMEA rollout");
    const status = panel.getByTestId("activity-status_change");
    expect(await status.textContent()).toMatch(/^Status: New → Qualified/);
    expect(await panel.getByTestId("activity-stage_change").textContent()).toMatch(/^Stage: Qualification → Proposal/);
    const captures = panel.getByTestId("activity-capture");
    expect(await captures.count()).toBe(1);
    const captureText = (await captures.textContent()) ?? "";
    expect(captureText).toContain("Captured from Our team and advisors · Pipedream Analytics International");
    expect(captureText).toContain("3 times");
    expect(captureText).toContain("Found in the page's team section and an email link");
    expect(captureText).not.toContain("layout");

    expect(await sidewaysOverflow(panel)).toBeLessThanOrEqual(0);
    expect(await stickingOut(panel)).toEqual([]);
    expect(
      await seriousAxeLines(panel, { include: [".record-card", ".timeline"], tags: ["wcag2a", "wcag2aa", "wcag21aa"] }),
    ).toEqual([]);
    await screenshot(panel, "ui-readable-sidepanel-360");
    await panel.emulateMedia({ colorScheme: "dark" });
    expect(await sidewaysOverflow(panel)).toBeLessThanOrEqual(0);
    expect(await stickingOut(panel)).toEqual([]);
    expect(
      await seriousAxeLines(panel, { include: [".record-card", ".timeline"], tags: ["wcag2a", "wcag2aa", "wcag21aa"] }),
    ).toEqual([]);
    await screenshot(panel, "ui-readable-sidepanel-360-dark");
    await panel.emulateMedia({ colorScheme: "light" });

    // The company from the panel's search: its long address wraps inside 360 px.
    await panel.getByLabel("Search the workspace").fill("pipedream analytics");
    await panel
      .getByTestId("search-results")
      .getByRole("button", { name: /Pipedream Analytics International company/ })
      .click();
    const company = panel.getByTestId("record-company");
    await expect.poll(() => company.textContent(), { timeout: 20_000 }).toContain("Crane Street, Dublin 8");
    expect(await sidewaysOverflow(panel)).toBeLessThanOrEqual(0);
    expect(await stickingOut(panel)).toEqual([]);
    // Its pill stays one line beside a name that wraps.
    expect((await company.getByTestId("record-status").boundingBox())!.height).toBeLessThan(30);
    await screenshot(panel, "ui-readable-sidepanel-360-company");

    // 2. The contacts list shows the company (a contact holds it by id).
    const dashboard = await alice.openExtensionPage("dashboard.html#/contacts");
    const row = dashboard.getByRole("row", { name: /Aoife Márquez/ });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain("Pipedream Analytics International");
    expect(await seriousAxeLines(dashboard, { include: ["table"], tags: ["wcag2a", "wcag2aa", "wcag21aa"] })).toEqual(
      [],
    );
    await screenshot(dashboard, "ui-readable-contacts");

    // 3. Pipeline cards name the contact and the company.
    await dashboard.goto(dashboard.url().replace(/#.*$/, "#/deals"));
    const deal = dashboard.getByTestId("stage-proposal").getByTestId("deal-card");
    await expect
      .poll(() => deal.getByTestId("deal-parties").textContent(), { timeout: 20_000 })
      .toBe("Aoife Márquez · Pipedream Analytics International");
    expect(
      await seriousAxeLines(dashboard, { include: [".deal-card"], tags: ["wcag2a", "wcag2aa", "wcag21aa"] }),
    ).toEqual([]);
    await screenshot(dashboard, "ui-readable-pipeline");

    // 4. Search: without the accent, and by the phone typed another way.
    const search = dashboard.getByLabel("Search the workspace");
    const results = dashboard.getByTestId("search-results");
    for (const typed of ["Marquez", "415.555.0100", "+1 (415) 555-0100"]) {
      await search.fill(typed);
      await expect
        .poll(() => results.getByRole("button", { name: /Aoife Márquez/ }).count(), { timeout: 10_000 })
        .toBeGreaterThan(0);
    }
    // Found by a phone, the result shows that phone as people write it. Polled: the results of the
    // query before ("415.555.0100", or "Marquez" on a slow run) stay on screen, worded for that
    // query, until this one's answer arrives.
    await expect
      .poll(
        () =>
          results
            .getByRole("button", { name: /Aoife Márquez/ })
            .first()
            .textContent(),
        { timeout: 10_000 },
      )
      .toContain("(415) 555-0100");
    await search.fill("Marquet");
    await results.getByText("No matches in your workspace.").waitFor();
    await search.fill("");

    // 5. The popup says how it found each person on a team page in a rep's words, not the extractor's.
    await serveAt(alice.context, "https://www.example-robotics.com/**", () => fixture("example-robotics-team.html"));
    const { tabId: teamTab } = await openAt(alice, "https://www.example-robotics.com/team");
    const popup = await alice.openExtensionPage(`popup.html?tabId=${teamTab}`);
    const found = popup
      .getByTestId("capture-person")
      .first()
      .getByText(/^Found in /);
    await found.waitFor({ timeout: 20_000 });
    expect(await found.textContent()).not.toMatch(/layout|mailto|json-ld|h-card|microdata|opengraph/);
    await screenshot(popup, "ui-readable-popup-capture");

    // 6. Never-capture: refuses what is not a site beside the box (typing kept), confirms what it saves.
    const options = await alice.openExtensionPage("options.html");
    const form = options.getByRole("form", { name: "Sites where capture never runs" });
    const box = form.getByLabel("Blocked sites, one per line");
    await box.fill("not a host");
    await form.getByRole("button", { name: "Save list" }).click();
    const errors = options.getByTestId("never-capture-errors");
    await expect
      .poll(() => errors.textContent())
      .toBe('"not a host" is not a site: enter a host such as example.com, or *.example.com for its subdomains.');
    expect(await box.inputValue()).toBe("not a host");
    expect(await box.getAttribute("aria-invalid")).toBe("true");
    const stored = () =>
      alice.worker.evaluate(
        async () => (await chrome.storage.local.get("leadpane.blockedSites"))["leadpane.blockedSites"],
      );
    expect(await stored()).toBeUndefined();
    expect(
      await seriousAxeLines(options, {
        include: ["[data-testid=never-capture]"],
        tags: ["wcag2a", "wcag2aa", "wcag21aa"],
      }),
    ).toEqual([]);
    await screenshot(options, "ui-settings-never-capture-refused");
    await box.fill("*.example.com");
    await form.getByRole("button", { name: "Save list" }).click();
    await expect.poll(() => options.getByTestId("never-capture-saved").textContent()).toContain("Saved");
    expect(await errors.textContent()).toBe("");
    expect(await stored()).toEqual(["*.example.com"]);
    expect(
      await seriousAxeLines(options, {
        include: ["[data-testid=never-capture]"],
        tags: ["wcag2a", "wcag2aa", "wcag21aa"],
      }),
    ).toEqual([]);
    await options.getByTestId("never-capture").scrollIntoViewIfNeeded();
    await screenshot(options, "ui-settings-never-capture");
  });
});
