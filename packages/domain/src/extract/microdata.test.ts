import { describe, expect, it } from "vitest";
import { context, html } from "./__fixtures__/load.ts";
import { microdata, readMicrodata } from "./microdata.ts";

describe("readMicrodata", () => {
  it("reads nested items, itemref and typed values", () => {
    const doc = html(
      `
      <div itemscope itemtype="https://schema.org/Person" itemref="extra">
        <span itemprop="name">Jane Doe</span>
        <a itemprop="url" href="/jane">home</a>
        <div itemprop="worksFor" itemscope itemtype="https://schema.org/Organization">` +
        `<span itemprop="name">Acme</span></div>
      </div>
      <p id="extra"><meta itemprop="jobTitle" content="Engineer"></p>`,
    );
    const [person] = readMicrodata(doc, (href) => (href ? new URL(href, "https://x.org/").href : null));
    expect(person!.types).toEqual(["Person"]);
    expect(person!.props.get("url")).toEqual(["https://x.org/jane"]);
    expect(person!.props.get("jobTitle")).toEqual(["Engineer"]);
    expect((person!.props.get("worksFor")![0] as { types: string[] }).types).toEqual(["Organization"]);
  });
});

describe("microdata source", () => {
  it("projects people and organisations like JSON-LD", () => {
    const found = microdata.extract(
      context(
        `<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Acme</span>
        <span itemprop="telephone">+1 206 555 0100</span>
        <div itemprop="employee" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ann Lee</span>` +
          `<span itemprop="jobTitle">CFO</span>
        <a itemprop="email" href="mailto:ann@acme.io">mail</a></div></div>`,
      ),
    );
    expect(found.people).toEqual([
      expect.objectContaining({ name: "Ann Lee", title: "CFO", companyName: "Acme", emails: ["ann@acme.io"] }),
    ]);
    expect(found.companies).toEqual([expect.objectContaining({ name: "Acme", phones: ["+12065550100"] })]);
  });
});
