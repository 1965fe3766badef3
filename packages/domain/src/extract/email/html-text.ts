// HTML to text without a DOM, for places that have none (a service worker reading an .eml).

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  copy: "©",
  reg: "®",
  ndash: "–",
  mdash: "—",
  hellip: "…",
};

/** Decode the common HTML character references. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Plain text of an HTML body: blocks and `<br>` become line breaks, quoted blocks are dropped, tags removed. */
export function htmlToTextWithoutDom(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head|title)[\s\S]*?<\/\1>/gi, "")
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<blockquote[\s\S]*<\/blockquote>/gi, "")
      .replace(/<div[^>]+(gmail_quote|divRplyFwdMsg|appendonsend)[\s\S]*$/i, "")
      .replace(/[ \t\r\n]+/g, " ")
      // An element closed right before the next one opens ("…@acme.com</a><a …>LinkedIn") is a word apart.
      .replace(/(<\/[a-z][^>]*>)(?=<[a-z])/gi, "$1 ")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/<\/(p|h[1-6]|table|blockquote)>/gi, "\n\n")
      .replace(/<\/?(div|li|tr|ul|ol|address|section|article|header|footer)\b[^>]*>/gi, "\n")
      .replace(/<[^>]+>/g, ""),
  )
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
