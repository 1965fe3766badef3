import { describe, expect, it } from "vitest";
import { linkLabel } from "./link-label.ts";

describe("linkLabel", () => {
  it("names the profile sites and the handle on them", () => {
    expect(linkLabel("https://www.linkedin.com/in/aoife-m%C3%A1rquez/?trk=x")).toEqual({
      site: "LinkedIn",
      detail: "aoife-márquez",
    });
    expect(linkLabel("https://linkedin.com/company/pipedream")).toEqual({ site: "LinkedIn", detail: "pipedream" });
    expect(linkLabel("https://github.com/aoifem")).toEqual({ site: "GitHub", detail: "aoifem" });
    expect(linkLabel("https://twitter.com/aoifem")).toEqual({ site: "X", detail: "@aoifem" });
    expect(linkLabel("https://x.com/@aoifem")).toEqual({ site: "X", detail: "@aoifem" });
  });

  it("reads other sites by host and path, without www, query or hash", () => {
    expect(linkLabel("https://www.pipedream.io/")).toEqual({ site: "pipedream.io", detail: "" });
    expect(linkLabel("http://blog.pipedream.io/about/team?x=1#top")).toEqual({
      site: "blog.pipedream.io",
      detail: "about/team",
    });
  });

  it("keeps a known site's other pages by their path", () => {
    expect(linkLabel("https://www.linkedin.com/feed/")).toEqual({ site: "LinkedIn", detail: "feed" });
  });

  it("answers null for what is not a web address", () => {
    expect(linkLabel("not a url")).toBeNull();
    expect(linkLabel("mailto:jane@acme.com")).toBeNull();
  });
});
