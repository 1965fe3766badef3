// Quoted history in HTML mail, by the markup each client writes. Kept free of heavy imports: the
// mail-site content scripts use it to send only the sender's own text to the background.
import { blockText } from "../dom.ts";
import { stripQuotedText } from "./quotes.ts";

// Elements that are quoted history themselves.
const QUOTE_ELEMENTS = [
  "blockquote", // Gmail (.gmail_quote), Apple Mail and Thunderbird (type=cite), most webmail
  "div.gmail_quote", // Gmail: attribution line plus the quote
  ".gmail_attr", // Gmail: "On … wrote:" line outside the quote
  ".moz-cite-prefix", // Thunderbird: "On … wrote:" line
  ".yahoo_quoted", // Yahoo Mail
  "div[class*='yahoo_quoted']", // Yahoo Mail, prefixed class names
  ".protonmail_quote", // Proton Mail
  "div[data-marker='__QUOTED_TEXT__']", // Yandex
];

// Elements after which everything is quoted history (the element and all that follows).
const QUOTE_STARTS = [
  "#divRplyFwdMsg", // Outlook on the web / Outlook desktop: the reply header block
  "div[id*='divRplyFwdMsg']", // Outlook on the web, prefixed ids ("x_divRplyFwdMsg")
  "#appendonsend", // Outlook: marker before the quoted message
  "div[id*='appendonsend']", // Outlook on the web, prefixed ids
  "[id*='OLK_SRC_BODY_SECTION']", // Outlook for Mac
  "hr#stopSpelling", // Hotmail / Windows Live Mail
  "div.OutlookMessageHeader", // Outlook 2003
  "div[style*='border-top:solid #B5C4DF']", // Outlook 2007–2010 reply header rule
  "div[style*='border-top: solid #B5C4DF']", // same, with a space
  "div[style*='border-top:solid #E1E1E1']", // Outlook 2013+ reply header rule
  "div[style*='border-top: solid #E1E1E1']", // same, with a space
  "div[style*='border:none;border-top:solid']", // Outlook desktop, generic rule before the header
];

function removeWithFollowing(el: Element, root: Element): void {
  let node: Element | null = el;
  while (node && node !== root) {
    let next = node.nextSibling;
    while (next) {
      const after: ChildNode | null = next.nextSibling;
      next.parentNode?.removeChild(next);
      next = after;
    }
    const parent: Element | null = node.parentElement;
    if (node === el) node.parentNode?.removeChild(node);
    node = parent;
  }
}

/** Remove quoted history from an HTML message body in place. */
function removeHtmlQuotes(root: Element): void {
  for (const selector of QUOTE_STARTS) {
    const el = root.querySelector(selector);
    if (el) removeWithFollowing(el, root);
  }
  // Windows Live and Outlook.com put the rule as a bare <hr> followed by a "From:" block.
  for (const hr of root.querySelectorAll("hr")) {
    const after = hr.nextElementSibling;
    if (after && /^\s*\*?(from|de|von|от)\s*:/i.test(after.textContent ?? "")) {
      removeWithFollowing(hr, root);
      break;
    }
  }
  for (const selector of QUOTE_ELEMENTS) {
    for (const el of root.querySelectorAll(selector)) el.parentNode?.removeChild(el);
  }
}

/** The sender's own text of an HTML message body: quoted markup removed, then plain-text quote markers. */
export function ownTextFromHtmlBody(root: Element): string {
  const copy = root.cloneNode(true) as Element;
  removeHtmlQuotes(copy);
  return stripQuotedText(
    blockText(copy)
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
  );
}
