import { registrableDomain } from "./normalize.ts";

// Consumer and disposable mail providers: an address there says nothing about the employer.
const FREE_MAIL = new Set([
  "gmail.com",
  "googlemail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.co.uk",
  "hotmail.fr",
  "live.com",
  "live.co.uk",
  "msn.com",
  "yahoo.com",
  "yahoo.co.uk",
  "yahoo.fr",
  "yahoo.de",
  "ymail.com",
  "rocketmail.com",
  "aol.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "proton.me",
  "protonmail.com",
  "pm.me",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "zoho.com",
  "yandex.com",
  "yandex.ru",
  "mail.ru",
  "qq.com",
  "163.com",
  "126.com",
  "fastmail.com",
  "hey.com",
  "tutanota.com",
  "tuta.io",
  "orange.fr",
  "free.fr",
  "laposte.net",
  "t-online.de",
  "btinternet.com",
  "comcast.net",
  "verizon.net",
  "att.net",
  "sbcglobal.net",
  "naver.com",
  // disposable
  "mailinator.com",
  "guerrillamail.com",
  "10minutemail.com",
  "temp-mail.org",
  "yopmail.com",
  "trashmail.com",
  "sharklasers.com",
  "getnada.com",
  "dispostable.com",
  "maildrop.cc",
  "throwawaymail.com",
]);

// Providers whose every country domain is a mailbox service: yahoo.es, hotmail.it, outlook.de,
// gmx.at, aol.co.uk… (not names that other companies use under other suffixes, like web, me or mail).
const FREE_MAIL_BRANDS = new Set([
  "gmail",
  "googlemail",
  "yahoo",
  "ymail",
  "hotmail",
  "outlook",
  "live",
  "aol",
  "gmx",
  "yandex",
]);

/** Whether an email domain (or address) belongs to a free-mail or disposable provider. */
export function isFreeMailDomain(domainOrEmail: string): boolean {
  const host = domainOrEmail.includes("@") ? domainOrEmail.split("@").pop()! : domainOrEmail;
  const domain = registrableDomain(host);
  if (domain === null) return false;
  // A registrable domain's first label is the provider's name: `yahoo` of yahoo.co.uk.
  return FREE_MAIL.has(domain) || FREE_MAIL_BRANDS.has(domain.split(".")[0]!);
}
