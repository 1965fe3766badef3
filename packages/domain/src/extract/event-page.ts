import type { PageContext } from "./context.ts";
import { textOf } from "./dom.ts";
import { jsonLdScripts, parseLenientJson } from "./json-ld.ts";

// schema.org's Event and its subtypes (BusinessEvent, EducationEvent, ExhibitionEvent…), Festival, Hackathon.
const EVENT_TYPE = /(event|festival|hackathon)$/i;
// What an event calls itself, in its title, site name or main heading.
const EVENT_WORDS = new RegExp(
  "\\b(conference|conf|summit|symposium|congress|convention|expo|meetup|festival|fest|hackathon|" +
    "devdays?|dev days|world tour|webinar|forum|kongress|konferenz|tagung|congr[eè]s|jornadas?)\\b",
  "i",
);
// A site named after its event (jsconf.eu, reactsummit.com, revopssummit.com).
const EVENT_HOST = /(conf|summit|fest|expo|con\d{2,4}|hackathon)$/i;
// What an event page lists its people under.
const PROGRAMME_WORDS = new RegExp(
  "\\b(speakers?|keynotes?|agenda|schedule|programme|program|line-?up|sessions?|talks?|panel(ists)?|" +
    "call for (papers|speakers)|cfp|tickets?|referent(en|innen)?|sprecher|intervenants|ponentes)\\b",
  "i",
);

/**
 * Whether the page is about an event (a conference, summit, meetup): its people are speakers and
 * guests who work elsewhere, so neither the event's name nor its website is anyone's employer.
 * Structured data says so outright (a schema.org Event, `og:type` event); otherwise the page must
 * both name itself like an event (title, site name, heading or host) and list a programme
 * (speakers, agenda, sessions) — either alone is common on ordinary company pages.
 */
export function isEventPage(ctx: PageContext): boolean {
  // Asked by the address source and by the combining step: answered once per extraction.
  let answer = answers.get(ctx);
  if (answer === undefined) {
    answer = eventPage(ctx);
    answers.set(ctx, answer);
  }
  return answer;
}

const answers = new WeakMap<PageContext, boolean>();

function eventPage(ctx: PageContext): boolean {
  if (hasStructuredEvent(ctx)) return true;
  if (/\bevent\b/i.test(ctx.meta("og:type") ?? "")) return true;
  const headings = ctx
    .tagged("h1")
    .slice(0, 3)
    .map((h) => textOf(h))
    .join(" · ");
  const named = [ctx.doc.title ?? "", ctx.meta("og:site_name", "application-name") ?? "", headings].join(" · ");
  let host = "";
  let path = "";
  try {
    const parsed = new URL(ctx.url);
    host = parsed.hostname.split(".").slice(-2, -1)[0] ?? "";
    path = decodeURIComponent(parsed.pathname).replace(/[/_-]+/g, " ");
  } catch {
    // not a URL: only the document speaks
  }
  const eventLike = EVENT_WORDS.test(named) || EVENT_HOST.test(host);
  if (!eventLike) return false;
  const sections = ctx
    .tagged("h2")
    .slice(0, 20)
    .map((h) => textOf(h))
    .join(" · ");
  return PROGRAMME_WORDS.test(`${path} · ${named} · ${sections}`);
}

/** A JSON-LD item or microdata scope typed Event (or a subtype) anywhere on the page. */
function hasStructuredEvent(ctx: PageContext): boolean {
  for (const el of ctx.withAttribute("itemtype")) {
    // A nested item (a talk on a speaker's own page) is about that person's page, not an event page.
    if (el.parentElement?.closest("[itemscope]")) continue;
    for (const type of (el.getAttribute("itemtype") ?? "").split(/\s+/)) {
      const local = type.slice(Math.max(type.lastIndexOf("/"), type.lastIndexOf("#")) + 1);
      if (local && EVENT_TYPE.test(local)) return true;
    }
  }
  // RDFa: `typeof="Event"` (or `schema:BusinessEvent`…) on an item that is no other item's property.
  for (const el of ctx.withAttribute("typeof")) {
    if (el.hasAttribute("property") && el.parentElement?.closest("[typeof]")) continue;
    for (const type of (el.getAttribute("typeof") ?? "").split(/\s+/)) {
      const local = type.slice(Math.max(type.lastIndexOf("/"), type.lastIndexOf("#"), type.lastIndexOf(":")) + 1);
      if (local && EVENT_TYPE.test(local)) return true;
    }
  }
  for (const script of jsonLdScripts(ctx)) {
    if (typedEvent(parseLenientJson(script.textContent ?? ""), 0)) return true;
  }
  return false;
}

function typedEvent(value: unknown, depth: number): boolean {
  if (depth > 8 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => typedEvent(v, depth + 1));
  const obj = value as Record<string, unknown>;
  const types = Array.isArray(obj["@type"]) ? obj["@type"] : [obj["@type"]];
  if (types.some((t) => typeof t === "string" && EVENT_TYPE.test(t.slice(t.lastIndexOf("/") + 1)))) return true;
  return Array.isArray(obj["@graph"]) && typedEvent(obj["@graph"], depth + 1);
}
