import { describe, expect, it } from "vitest";
import { regionOfLocale } from "./locale-region.ts";
import { displayPhone } from "./phone-display.ts";

describe("displayPhone", () => {
  it("shows a number of the workspace's region in its national format, with a tel: link", () => {
    expect(displayPhone("+14155550100", "US")).toEqual({ text: "(415) 555-0100", href: "tel:+14155550100" });
    expect(displayPhone("+442079460958", "GB")).toEqual({ text: "020 7946 0958", href: "tel:+442079460958" });
  });

  it("shows a number of another region internationally", () => {
    expect(displayPhone("+442079460958", "US")).toEqual({ text: "+44 20 7946 0958", href: "tel:+442079460958" });
    expect(displayPhone("+14155550100", "DE").text).toBe("+1 415 555 0100");
  });

  it("keeps an extension in the text and the link", () => {
    const shown = displayPhone("+14155550100 ext. 12", "US");
    expect(shown.text).toBe("(415) 555-0100 ext. 12");
    expect(shown.href).toBe("tel:+14155550100;ext=12");
  });

  it("shows what does not parse as written, dialled by its digits, or not at all", () => {
    expect(displayPhone("call 12 34", "US")).toEqual({ text: "call 12 34", href: "tel:1234" });
    expect(displayPhone("ask reception", "US")).toEqual({ text: "ask reception", href: null });
  });
});

describe("regionOfLocale", () => {
  it("reads the region of a browser locale, inferring it from the language when absent", () => {
    expect(regionOfLocale("en-GB")).toBe("GB");
    expect(regionOfLocale("de")).toBe("DE");
    expect(regionOfLocale("pt-BR")).toBe("BR");
  });

  it("answers null for no locale or a broken one", () => {
    expect(regionOfLocale(undefined)).toBeNull();
    expect(regionOfLocale("")).toBeNull();
    expect(regionOfLocale("not a locale!")).toBeNull();
  });
});
