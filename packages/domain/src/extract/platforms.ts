/** Hosts whose pages are about their users, not about the company running them. */
const PLATFORMS = /(^|\.)(linkedin\.com|x\.com|twitter\.com|github\.com|facebook\.com|instagram\.com|medium\.com|youtube\.com|mail\.google\.com|outlook\.(live|office|office365)\.com|xing\.com|about\.me|angel\.co|wellfound\.com|crunchbase\.com|gitlab\.com|dribbble\.com|behance\.net|sessionize\.com|meetup\.com|eventbrite\.[a-z.]+)$/i;

/** Whether a page address belongs to a platform (social network, webmail) rather than to the company shown. */
export function isPlatformUrl(url: string): boolean {
  try {
    return PLATFORMS.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

const SOCIAL = /(^|\.)(linkedin\.com|x\.com|twitter\.com|facebook\.com|instagram\.com|youtube\.com|github\.com|tiktok\.com|xing\.com|mastodon\.social|threads\.net|bsky\.app|crunchbase\.com|pinterest\.com)$/i;

/** Whether a URL points at a social network. */
export function isSocialUrl(url: string): boolean {
  try {
    return SOCIAL.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Whether a URL is a page on a social network or platform: it may describe a company, but is never its website. */
export function isHostedPage(url: string): boolean {
  return isPlatformUrl(url) || isSocialUrl(url);
}
