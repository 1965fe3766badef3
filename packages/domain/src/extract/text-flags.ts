// The first tests the text-scanning sources (text, prose, address) ask of every text node's value, answered for
// all values in one pass over their characters: a regex test per node and per source cost more than the pass.

import { isSpaceCode } from "./dom.ts";

/** A character that `/\S/` matches. */
export const NOT_BLANK = 1;
/** An `@`. */
export const AT_SIGN = 2;
/** At least seven ASCII digits. */
export const SEVEN_DIGITS = 4;
/** The word "at" in any case (`/\bat\b/i`, as text.ts `hasWordAt` finds it). */
export const WORD_AT = 8;
/** A digit or a Japanese address's cue (`/[\d〒所住本東北京大県]/`). */
export const DIGIT_OR_CUE = 16;
/** A label's colon or a dash (`/[:：—–]/`). */
export const LABEL_OR_DASH = 32;
/**
 * What every piece of a city line that postal-address.ts `mayHoldCityLine` accepts holds: two capitals (A–Z) in a
 * row, a capital beside a digit, a digit where a postcode may start (as its pattern reads one: after the text's
 * start, a separator, or a space and a dash, then spaces, then maybe one or two letters and a hyphen or space), or
 * a Japanese address's cue. Most numbers on a page ("Since 2010", "region 3") have none.
 */
export const CITY_HINT = 64;
/** A comma or an opening bracket (`/[,(]/`). */
export const COMMA_OR_BRACKET = 128;

const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

// 〒所住本東北京大県
const CUES = new Set([0x3012, 0x6240, 0x4f4f, 0x672c, 0x6771, 0x5317, 0x4eac, 0x5927, 0x770c]);

/** The flags of one text (see the constants above). */
export function flagsOf(value: string): number {
  let flags = 0;
  let digits = 0;
  // What the character before was (a capital, a digit) and how many digits end there, for CITY_HINT.
  let capital = false;
  let run = 0;
  const length = value.length;
  let i = 0;
  // The tests in the order of how often a page's characters need them: letters, spaces, digits, the rest. A run of
  // lower-case letters (most of a page's characters) is read in a loop of its own that asks only about a "t".
  while (i < length) {
    let c = value.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      flags |= NOT_BLANK;
      capital = false;
      run = 0;
      for (;;) {
        if (c === 116 && (flags & WORD_AT) === 0 && wordAtEndsAt(value, i)) flags |= WORD_AT;
        if (++i === length) break;
        c = value.charCodeAt(i);
        if (c < 97 || c > 122) break;
      }
      continue;
    }
    if (c === 32 || (c >= 9 && c <= 13)) {
      capital = false;
      run = 0;
    } else if (c >= 65 && c <= 90) {
      flags |= NOT_BLANK;
      if (capital || run > 0) flags |= CITY_HINT;
      if (c === 84 && wordAtEndsAt(value, i)) flags |= WORD_AT;
      capital = true;
      run = 0;
    } else if (c >= 48 && c <= 57) {
      digits++;
      flags |= NOT_BLANK | DIGIT_OR_CUE;
      run++;
      // Where a postcode may start is asked only while no hint was found: the answer could add nothing.
      if (capital || (run === 1 && (flags & CITY_HINT) === 0 && codeMayStartAt(value, i))) flags |= CITY_HINT;
      capital = false;
    } else {
      capital = false;
      run = 0;
      if (c < 128) {
        flags |= NOT_BLANK;
        if (c === 64) flags |= AT_SIGN;
        else if (c === 44 || c === 40) flags |= COMMA_OR_BRACKET;
        else if (c === 58) flags |= LABEL_OR_DASH;
      } else if (!isSpaceCode(c)) {
        flags |= NOT_BLANK;
        if (c === 0xff1a || c === 0x2014 || c === 0x2013) flags |= LABEL_OR_DASH;
        else if (CUES.has(c)) flags |= DIGIT_OR_CUE | CITY_HINT;
      }
    }
    i++;
  }
  return digits >= 7 ? flags | SEVEN_DIGITS : flags;
}

/** Whether a character is one that `[\s\u200b]` matches. */
function isSpaceOrZeroWidth(c: number): boolean {
  return c === 0x200b || isSpaceCode(c);
}

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * Whether a postcode may start at the digit at `i`, as postal-address.ts reads a whole code:
 * `(?:^|[,·•|:：]|[\s\u200b][–—-])[\s\u200b]*(?:[A-Za-z]{1,2}[-‑\s\u200b])?` right before it.
 */
function codeMayStartAt(value: string, i: number): boolean {
  if (anchoredBefore(value, i)) return true;
  // One or two letters and a hyphen or space before the code: "D-10115", "CH-8001", "NL 1012".
  const separator = value.charCodeAt(i - 1);
  if (!(separator === 45 || separator === 0x2011 || isSpaceOrZeroWidth(separator))) return false;
  if (!isAsciiLetter(value.charCodeAt(i - 2))) return false;
  return anchoredBefore(value, i - 2) || (isAsciiLetter(value.charCodeAt(i - 3)) && anchoredBefore(value, i - 3));
}

/** Whether the text before `end` is, past any spaces, its start, a separator (`,·•|:：`) or a space and a dash. */
function anchoredBefore(value: string, end: number): boolean {
  let k = end - 1;
  while (k >= 0 && isSpaceOrZeroWidth(value.charCodeAt(k))) k--;
  if (k < 0) return true;
  const c = value.charCodeAt(k);
  if (c === 44 || c === 0xb7 || c === 0x2022 || c === 124 || c === 58 || c === 0xff1a) return true;
  return (c === 0x2013 || c === 0x2014 || c === 45) && k > 0 && isSpaceOrZeroWidth(value.charCodeAt(k - 1));
}

/** Whether the "t" at `i` ends the word "at" (either letter in either case), as text.ts `hasWordAt` reads it. */
function wordAtEndsAt(value: string, i: number): boolean {
  return (
    i > 0 &&
    (value.charCodeAt(i - 1) | 32) === 97 &&
    !isWordChar(value.charCodeAt(i - 2)) &&
    !isWordChar(value.charCodeAt(i + 1))
  );
}

/** The flags of every value, index for index. */
export function textFlags(values: readonly string[]): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = flagsOf(values[i]!);
  return out;
}
