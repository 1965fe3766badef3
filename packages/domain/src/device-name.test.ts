import { describe, expect, it } from "vitest";
import { deviceName } from "./device-name.ts";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36";
const EDGE_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0";
const FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:140.0) Gecko/20100101 Firefox/140.0";

describe("deviceName", () => {
  it("names a browser from its User-Agent string", () => {
    expect(deviceName({ userAgent: CHROME_LINUX })).toBe("Chrome on Linux");
    expect(deviceName({ userAgent: EDGE_WINDOWS })).toBe("Edge on Windows");
    expect(deviceName({ userAgent: FIREFOX_MAC })).toBe("Firefox on macOS");
  });

  it("prefers Client Hints, which tell Chrome from Chromium and Edge", () => {
    const brands = [{ brand: "Not)A;Brand" }, { brand: "Chromium" }, { brand: "Google Chrome" }];
    expect(deviceName({ userAgent: CHROME_LINUX, brands, platform: "Linux" })).toBe("Chrome on Linux");
    expect(deviceName({ brands: [{ brand: "Chromium" }], platform: "Chrome OS" })).toBe("Chromium on ChromeOS");
    expect(deviceName({ brands: [{ brand: "Chromium" }, { brand: "Microsoft Edge" }], platform: "Windows" })).toBe(
      "Edge on Windows",
    );
  });

  it("says Browser when nothing is known, never a made-up name", () => {
    expect(deviceName({})).toBe("Browser");
    expect(deviceName({ userAgent: "curl/8.5.0" })).toBe("Browser");
    expect(deviceName({ userAgent: "node" })).toBe("Browser");
  });
});
