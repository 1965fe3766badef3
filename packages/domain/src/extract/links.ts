import { normalizeEmail } from "../normalize.ts";
import type { Anchor, PageContext } from "./context.ts";
import { personNear } from "./near.ts";
import type { Source } from "./source.ts";
import { none, person } from "./types.ts";

/** `mailto:` and `tel:` links, each tied to the person named near the link (or left for the page's company). */
export const links: Source = {
  id: "links",
  extract(ctx: PageContext) {
    const out = none();
    // mailto: links first, then tel: links, as their evidence is trusted in that order; one read of each href.
    const phoneLinks: Anchor[] = [];
    for (const link of ctx.anchors()) {
      const { a, href } = link;
      // A scheme's letters first, without a regex: most links are neither.
      const first = href.charCodeAt(0) | 32;
      if (first !== 116 && first !== 99 && first !== 109) continue; // t, c, m
      if (/^(tel|callto):/i.test(href)) phoneLinks.push(link);
      if (!/^mailto:/i.test(href)) continue;
      // A mailto may list several recipients: "mailto:a@x.com,b@x.com".
      const raw = decodeSafe(href.replace(/^mailto:/i, "").split("?")[0] ?? "");
      for (const part of raw.split(/[,;]/)) {
        const email = normalizeEmail(part);
        if (!email) continue;
        const near = personNear(a, part.trim(), ctx);
        out.people.push(person("mailto", { name: near.name, title: near.title, emails: [email] }));
      }
    }
    for (const { a, href } of phoneLinks) {
      const raw = decodeSafe(href.replace(/^(tel|callto):/i, ""));
      if (raw.replace(/\D/g, "").length < 6) continue;
      const near = personNear(a, (a.textContent ?? "").trim() || raw, ctx);
      out.people.push(person("tel", { name: near.name, title: near.title, phones: [telPhone(raw, ctx)] }));
    }
    return out;
  },
};

// An extension in a tel: address: RFC 3966's ";ext=231", a dialler's pause ",231" / "p231" / "w231", or "x231".
const TEL_EXTENSION = /^(.*?\d[\d\s().-]*?)\s*(?:;ext=|,+|;|(?<=\d)[pw]|\s*(?:ext\.?|x)\s*)(\d{1,8})#?$/i;

/** A tel: address as the phone number it dials, its extension kept the way records write one ("… ext. 231"). */
export function telPhone(raw: string, ctx: Pick<PageContext, "phone">): string {
  const match = raw
    .replace(/;phone-context=[^;]*/i, "")
    .trim()
    .match(TEL_EXTENSION);
  if (!match) return ctx.phone(raw.replace(/;phone-context=[^;]*/i, ""));
  return `${ctx.phone(match[1]!)} ext. ${match[2]}`;
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
