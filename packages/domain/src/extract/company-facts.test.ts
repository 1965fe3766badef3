import { describe, expect, it } from "vitest";
import { context, fixture } from "./__fixtures__/load.ts";
import { companyFacts } from "./company-facts.ts";
import { createContext } from "./context.ts";
import { extractPage } from "./page.ts";

describe("company facts of CJK company pages", () => {
  it("reads the representative from a Korean overview table, at the company it names; phones but not the fax", () => {
    const { doc, url } = fixture("company-overview-ko.html");
    const found = companyFacts.extract(createContext(doc, url));
    expect(found.people).toEqual([
      expect.objectContaining({ name: "박서연", title: "대표이사", companyName: "주식회사 다온테크" }),
    ]);
    const page = extractPage(doc, url);
    expect(page.companies.flatMap((c) => c.phones)).toEqual(["+82517432200"]);
  });
  it("reads a Japanese 代表者 row with the title in its value, a greeting's signature, officers on lines of their own", () => {
    const ctx = context(
      '<html lang="ja"><head><title>会社概要｜株式会社サクラテック</title></head><body>' +
        "<table><tr><th>代表者</th><td>代表取締役社長　山田 太郎</td></tr><tr><th>設立</th><td>2008年4月1日</td></tr></table>" +
        '<p class="sign">取締役 CFO　伊藤 美咲</p><dl><dt>役員</dt><dd>常務取締役　佐々木 健<br>監査役　中村 修</dd></dl></body></html>',
    );
    const people = companyFacts.extract(ctx).people.map((p) => [p.name, p.title, p.companyName]);
    expect(people).toEqual([
      ["山田 太郎", "代表取締役社長", "株式会社サクラテック"],
      ["伊藤 美咲", "取締役 CFO", "株式会社サクラテック"],
      ["佐々木 健", "常務取締役", "株式会社サクラテック"],
      ["中村 修", "監査役", "株式会社サクラテック"],
    ]);
  });
  it("reads Chinese 'role：name' lines and officer cards whose name follows the position", () => {
    const ctx = context(
      '<html lang="zh-CN"><head><title>联系我们 - 上海云帆信息科技有限公司</title></head><body>' +
        "<p>总经理：王建国</p><p>法定代表人：赵强</p><p>地址：上海市浦东新区碧波路690号</p>" +
        '<ul><li><p class="pos">执行董事</p><p class="name">陈晓</p></li></ul></body></html>',
    );
    expect(companyFacts.extract(ctx).people.map((p) => [p.name, p.title, p.companyName])).toEqual([
      ["王建国", "总经理", "上海云帆信息科技有限公司"],
      ["赵强", null, "上海云帆信息科技有限公司"],
      ["陈晓", "执行董事", "上海云帆信息科技有限公司"],
    ]);
  });
  it("reads the people a Chinese paragraph introduces by role and honorific, not other Han words", () => {
    const ctx = context(
      '<html lang="zh-CN"><head><title>关于我们 - 苏州明川智能装备有限公司</title></head><body>' +
        "<p>苏州明川智能装备有限公司成立于2012年，是一家专注于工业机器人系统集成的高新技术企业，服务客户超过三百家，产品远销东南亚及欧洲市场。" +
        "联合创始人兼总经理周海涛先生拥有十五年自动化行业经验；首席技术官林 悦女士曾在多家外资企业负责研发管理工作。公司总部位于苏州工业园区。</p></body></html>",
    );
    const short = context(
      '<html lang="zh-CN"><head><title>关于我们 - 苏州明川智能装备有限公司</title></head><body>' +
        "<p>首席技术官林 悦女士负责研发。</p></body></html>",
    );
    expect(companyFacts.extract(short).people.map((p) => [p.name, p.title])).toEqual([["林 悦", "首席技术官"]]);
    expect(companyFacts.extract(ctx).people.map((p) => [p.name, p.title, p.companyName])).toEqual([
      ["周海涛", "联合创始人兼总经理", "苏州明川智能装备有限公司"],
      ["林 悦", "首席技术官", "苏州明川智能装备有限公司"],
    ]);
  });
  it("takes no heading, section or kana reading for a name, and reads nothing on other pages", () => {
    const ja = context(
      '<html lang="ja"><body><dl><dt>代表取締役</dt><dd>会社概要</dd><dt>監査役</dt><dd>すずき いちろう</dd></dl>' +
        "<section><h3>代表挨拶</h3><p>地域の物流を支えてまいりました。</p></section></body></html>",
    );
    expect(companyFacts.extract(ja).people).toEqual([]);
    const en = context("<table><tr><th>代表取締役</th><td>山田 太郎</td></tr></table>");
    expect(companyFacts.extract(en).people).toEqual([]);
  });
  it("reads traditional Chinese titles (董事長, 總經理), a role followed by its English form, a name without its romanised form", () => {
    const ctx = context(
      '<html lang="zh-Hant-TW"><head><title>關於我們</title></head><body><table>' +
        "<tr><th>公司名稱</th><td>晨光精密工業股份有限公司（Morning Light Precision）</td></tr>" +
        "<tr><th>董事長</th><td>林志明</td></tr><tr><th>總經理</th><td>陳美玲</td></tr>" +
        "<tr><th>執行役員 VP of Sales</th><td>渡辺 彩</td></tr><tr><th>地址</th><td>台中市西屯區</td></tr></table></body></html>",
    );
    expect(companyFacts.extract(ctx).people.map((p) => [p.name, p.title, p.companyName])).toEqual([
      ["林志明", "董事長", "晨光精密工業股份有限公司"],
      ["陳美玲", "總經理", "晨光精密工業股份有限公司"],
      ["渡辺 彩", "執行役員 VP of Sales", "晨光精密工業股份有限公司"],
    ]);
  });
});
