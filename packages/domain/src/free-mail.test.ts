import { describe, expect, it } from "vitest";
import { isFreeMailDomain } from "./free-mail.ts";

describe("isFreeMailDomain", () => {
  it("knows the listed providers, by domain, subdomain or address", () => {
    for (const value of [
      "gmail.com",
      "jane@GMail.com",
      "qq.com",
      "163.com",
      "mail.ru",
      "web.de",
      "me.com",
      "proton.me",
      "yopmail.com",
      "smtp.hotmail.co.uk",
    ]) {
      expect(isFreeMailDomain(value), value).toBe(true);
    }
  });

  it("knows the big providers under every country suffix", () => {
    for (const value of [
      "yahoo.es",
      "jane@yahoo.com.br",
      "hotmail.it",
      "outlook.de",
      "live.nl",
      "gmx.at",
      "aol.co.uk",
      "yandex.kz",
    ]) {
      expect(isFreeMailDomain(value), value).toBe(true);
    }
  });

  it("leaves companies alone, even those whose name a provider uses elsewhere or whose mail host says mail", () => {
    for (const value of [
      "acme.com",
      "jane@acme-robotics.com",
      "mail.acme.com",
      "web.com",
      "me.acme.io",
      "mailchimp.com",
      "outlookgroup.com",
      "gmail.acme.com",
    ]) {
      expect(isFreeMailDomain(value), value).toBe(false);
    }
    expect(isFreeMailDomain("")).toBe(false);
  });
});
