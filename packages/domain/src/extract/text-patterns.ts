import { parse } from "tldts";
import { normalizeEmail } from "../normalize.ts";

// Plain addresses; the look-behind keeps `user:pass@host` inside URLs out, and a fediverse handle
// (`@user@instance.social`) is a profile, not an address.
const EMAIL = new RegExp(
  String.raw`(?<![\w.%+:/@-])[a-z0-9](?:[a-z0-9._%+-]{0,63})@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z` +
    String.raw`0-9-]*[a-z0-9])?)*\.[a-z]{2,24}(?![\w-]|\.[a-z])`,
  "gi",
);

// "jane [at] acme [dot] com", "jane(at)acme.com", "jane at acme dot com", "jane @ acme . com".
const OBFUSCATED = new RegExp(
  String.raw`(?<![\w.%+-])([a-z0-9][a-z0-9._%+-]{0,63})\s*(\[\s*at\s*\]|\(\s*at\s*\)|` +
    String.raw`\{\s*at\s*\}|<\s*at\s*>|\s+at\s+|\s+@\s+|\[@\]|\(@\))\s*([a-z0-9-]+(?:\s*(?:\[\s*dot\s*\]|` +
    String.raw`\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+|\.)\s*[a-z0-9-]+)+)`,
  "gi",
);

// Local parts that stand for "your address here" in instructions ("name (at) acme.com – replace (at) with @").
const PLACEHOLDER_LOCAL =
  /^(name|your[._-]?name|your[._-]?email|firstname|first[._-]?last|firstname[._-]lastname|vorname[._-]?nachname|vorname|nachname|prenom[._-]?nom|prenom|nom|nombre|user|username|someone|example|email|you|me|xxx+)$/i;

/** One address found in text and where it was written. */
export interface TextEmail {
  email: string;
  raw: string;
  index: number;
}

/** Email addresses written in text, plain or obfuscated (`[at]`, `(at)`, ` at … dot `), lower-cased. */
export function findEmails(text: string): TextEmail[] {
  const found: TextEmail[] = [];
  const seen = new Set<string>();
  if (text.includes("@")) {
    for (const m of text.matchAll(EMAIL)) {
      const email = normalizeEmail(m[0].replace(/\.+$/, ""));
      if (email && !seen.has(`${m.index}`) && !isPlaceholder(email)) {
        seen.add(`${m.index}`);
        found.push({ email, raw: m[0], index: m.index ?? 0 });
      }
    }
  }
  if (/\bat\b|\[@\]|\(@\)|\s@\s/i.test(text)) {
    for (const m of text.matchAll(OBFUSCATED)) {
      const separator = m[2] ?? "";
      const domainRaw = m[3] ?? "";
      const plainAt = /^\s+at\s+$/i.test(separator);
      // " at " alone is everyday English; demand a spelled-out "dot" as well before believing it.
      if (plainAt && !/\bdot\b/i.test(domainRaw)) continue;
      const domain = domainRaw.replace(/\s*(?:\[\s*dot\s*\]|\(\s*dot\s*\)|\{\s*dot\s*\}|\s+dot\s+|\.)\s*/gi, ".");
      // An instruction's words are no address ("replace (at) with @ and (dot) with a full stop" reads as
      // "with@and.with"): a spelled-out address ends in a real top-level domain.
      if (!/\.[a-z]{2,24}$/i.test(domain) || !parse(domain).isIcann) continue;
      const email = normalizeEmail(`${m[1]}@${domain}`);
      if (email && !isPlaceholder(email) && !found.some((f) => f.email === email))
        found.push({ email, raw: m[0], index: m.index ?? 0 });
    }
  }
  return found;
}

/** Whether an address is an instruction's placeholder (`name@…`, `vorname.nachname@…`), not anyone's. */
function isPlaceholder(email: string): boolean {
  return PLACEHOLDER_LOCAL.test(email.split("@")[0] ?? "");
}
