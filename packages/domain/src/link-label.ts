/** A saved link as a rep reads it: the site it is on, and who or what there. */
export interface LinkLabel {
  /** "LinkedIn", "GitHub", "X"…, or the host ("acme.com") of any other site. */
  site: string;
  /** The profile's handle or the page's path ("jane-doe", "@jdoe", "about/team"), or "" for a home page. */
  detail: string;
}

// Sites whose links are a person's or company's profile: the first path segments name them.
const SITES: Array<{ host: RegExp; site: string; handle: (path: string[]) => string | undefined }> = [
  {
    host: /(^|\.)linkedin\.com$/,
    site: "LinkedIn",
    handle: (p) => (["in", "company"].includes(p[0] ?? "") ? p[1] : undefined),
  },
  { host: /(^|\.)github\.com$/, site: "GitHub", handle: (p) => p[0] },
  { host: /(^|\.)(twitter|x)\.com$/, site: "X", handle: (p) => (p[0] ? `@${p[0].replace(/^@/, "")}` : undefined) },
  { host: /(^|\.)facebook\.com$/, site: "Facebook", handle: (p) => p[0] },
  { host: /(^|\.)instagram\.com$/, site: "Instagram", handle: (p) => (p[0] ? `@${p[0]}` : undefined) },
  { host: /(^|\.)youtube\.com$/, site: "YouTube", handle: (p) => p[0] },
  { host: /(^|\.)crunchbase\.com$/, site: "Crunchbase", handle: (p) => p[1] },
  { host: /(^|\.)bsky\.app$/, site: "Bluesky", handle: (p) => (p[0] === "profile" ? p[1] : undefined) },
];

/**
 * How a saved link reads on a record ("LinkedIn · jane-doe", "GitHub · jdoe", "acme.com ·
 * about"): the site by name, then who or what there, without scheme, "www.", query or hash.
 * Null for text that is not an http(s) address.
 */
export function linkLabel(raw: string): LinkLabel | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const path = url.pathname
    .split("/")
    .filter(Boolean)
    .map((segment) => safeDecode(segment));
  for (const known of SITES) {
    if (!known.host.test(host)) continue;
    const handle = known.handle(path);
    return { site: known.site, detail: handle ?? path.join("/") };
  }
  return { site: host, detail: path.join("/") };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
