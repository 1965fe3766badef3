/** What a browser says about itself: its User-Agent string, and User-Agent Client Hints where it has them. */
export interface BrowserHints {
  userAgent?: string | null;
  /** `navigator.userAgentData.brands` (Chromium-based browsers). */
  brands?: ReadonlyArray<{ brand: string }>;
  /** `navigator.userAgentData.platform`: "Linux", "macOS", "Windows", "Chrome OS", "Android". */
  platform?: string | null;
}

/** Brands in Client Hints, most specific first (every Chromium also lists "Chromium"). */
const BRANDS: ReadonlyArray<[RegExp, string]> = [
  [/^Microsoft Edge$/, "Edge"],
  [/^Opera$/, "Opera"],
  [/^Brave$/, "Brave"],
  [/^Vivaldi$/, "Vivaldi"],
  [/^Google Chrome$/, "Chrome"],
  [/^Chromium$/, "Chromium"],
];

/** Tokens in a User-Agent string, most specific first. */
const UA_BROWSERS: ReadonlyArray<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\bOPR\//, "Opera"],
  [/\bVivaldi\//, "Vivaldi"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\bChromium\//, "Chromium"],
  [/\b(Headless)?Chrome\/|\bCriOS\//, "Chrome"],
  [/\bVersion\/[\d.]+.*Safari\//, "Safari"],
];

const UA_SYSTEMS: ReadonlyArray<[RegExp, string]> = [
  [/\bCrOS\b/, "ChromeOS"],
  [/\bAndroid\b/, "Android"],
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

const PLATFORMS: Record<string, string> = { "Chrome OS": "ChromeOS", "Chromium OS": "ChromeOS" };

/**
 * A signed-in device's name, the same on every path that creates one (sign-up, invite, a new
 * token): "Chrome on Linux", "Firefox on Windows"; "Browser" when nothing is known.
 */
export function deviceName(hints: BrowserHints): string {
  const ua = hints.userAgent ?? "";
  const brands = (hints.brands ?? []).map((b) => b.brand);
  const browser =
    BRANDS.find(([pattern]) => brands.some((b) => pattern.test(b)))?.[1] ??
    UA_BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const platform = hints.platform?.trim();
  const system = platform ? (PLATFORMS[platform] ?? platform) : UA_SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? (system ? `Browser on ${system}` : "Browser");
}
