import type { PageContext } from "./context.ts";
import { isHidden, textOf } from "./dom.ts";
import { cjkIntroduced, isCjkRepresentativeLabel, isCjkTitle, looksLikeCjkName, splitCjkRole } from "./names.ts";
import type { Source } from "./source.ts";
import { none, person } from "./types.ts";

// Kana, CJK ideographs and Hangul: a page written in Japanese, Chinese or Korean.
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
// Labels of a company's own name in an overview (会社概要, 公司简介, 회사소개).
const COMPANY_LABEL =
  /^(?:会社名|商号|社名|企業名|法人名|名称|公司名称|公司名稱|公司名|企业名称|企業名稱|单位名称|회사명|상호|기업명|법인명|회사 ?이름)[:：]?$/u;
// A company's legal form in Japanese, Chinese or Korean ("株式会社サクラテック", "…有限公司", "주식회사 한빛").
const LEGAL_FORM =
  /株式会社|有限会社|合同会社|合資会社|一般社団法人|公益財団法人|有限公司|股份有限公司|有限责任公司|集团|주식회사|\(주\)|㈜|유한회사/u;
// Text nodes that may name a role, a representative or the company's name (cheap test before the rest).
const MAY_NAME =
  /代表|取締役|社長|会長|監査役|執行役員|長|董事|总经理|總經理|总裁|總裁|经理|經理|总监|總監|主管|主任|部长|首席|监事|監事|負責人|负责人|協理|대표|사장|회장|이사|전무|상무|감사|부장|팀장|실장|会社名|商号|社名|公司名|회사명|상호|名称/u;

/** The text of the first element after `el` among its siblings that says something (an empty spacer skipped). */
function nextText(el: Element): string | null {
  for (let next = el.nextElementSibling; next; next = next.nextElementSibling) {
    const value = textOf(next);
    if (value) return value;
  }
  return null;
}

function previousText(el: Element): string | null {
  for (let prev = el.previousElementSibling; prev; prev = prev.previousElementSibling) {
    const value = textOf(prev);
    if (value) return value;
  }
  return null;
}

/** A name without the other script's form in brackets: "株式会社ノードフォレスト（NodeForest Inc.）". */
function withoutBrackets(name: string): string {
  return name.replace(/\s*[（(][^）)]*[）)]\s*$/u, "").trim();
}

/** The company's name as a CJK site writes it: the overview's label, else a site name or title with a legal form. */
function companyName(ctx: PageContext, labelled: string | null): string | null {
  if (labelled) return labelled;
  const candidates = [ctx.meta("og:site_name"), ...(ctx.doc.title ?? "").split(/\s*[|｜\-–—:：]\s*/)];
  return candidates.map((c) => c?.trim() ?? "").find((c) => c && LEGAL_FORM.test(c) && c.length <= 40) ?? null;
}

/**
 * Company overviews of Japanese, Chinese and Korean sites (会社概要, 公司简介/联系我们, 회사소개): the
 * representative and officers with their titles (代表取締役 山田 太郎, 总经理：王建国, 대표이사 김민준) read from
 * label and value pairs (table rows, definition lists, "label：value" lines, officer cards), each working at the
 * company the overview names. Phones and emails are the text source's; the address is left to the address
 * sources.
 */
export const companyFacts: Source = {
  id: "company-facts",
  extract(ctx: PageContext) {
    const out = none();
    const lang = ctx.doc.documentElement?.getAttribute("lang") ?? "";
    // Only pages in these languages: one test of the title or the language, not of every text.
    if (!/^(ja|zh|ko)\b/i.test(lang) && !CJK.test(ctx.doc.title ?? "")) return out;
    const found: Array<{ name: string; title: string | null }> = [];
    let labelled: string | null = null;
    const add = (name: string, title: string | null): void => {
      const clean = name.replace(/[\s\u3000]+/g, " ").trim();
      const known = found.find((f) => f.name === clean);
      if (known) known.title ??= title;
      else found.push({ name: clean, title });
    };
    const seen = new Set<Element>();
    const nodes = ctx.textNodes();
    const values = ctx.textValues();
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      const value = values[i]!;
      if (value.length < 2 || !MAY_NAME.test(value)) continue;
      const el = node.parentElement;
      if (!el) continue;
      // Lines apart (<br>) are facts apart ("取締役 高橋 美咲<br>監査役 中村 修"): each text is read alone.
      const lines = el.querySelector(":scope > br") !== null;
      if (!lines && seen.has(el)) continue;
      seen.add(el);
      let shown = true;
      for (let up: Element | null = el; up && shown; up = up.parentElement) shown = !isHidden(up);
      if (!shown) continue;
      const own = lines ? value.replace(/\s+/g, " ").trim() : textOf(el);
      if (!own) continue;
      // A sentence introducing people by role and honorific ("首席执行官王立新先生"); other running text names nobody.
      const introduced = cjkIntroduced(own);
      for (const found of introduced) add(found.name, found.title);
      if (introduced.length > 0 || own.length > 120) continue;
      // A footer's one line of facts: "주식회사 한빛 | 대표이사 김민준 | 사업자등록번호 …".
      for (const piece of own.split(/\s*[|｜]\s*/)) {
        const label = piece.replace(/[:：]\s*$/, "");
        if (COMPANY_LABEL.test(label)) {
          labelled ??= withoutBrackets(nextText(el)?.split(/\s{2,}|\n/)[0] ?? "") || null;
          continue;
        }
        const inline = piece.match(
          /^(会社名|商号|社名|公司名称|公司名稱|公司名|企业名称|회사명|상호)\s*[:：]\s*(.+)$/u,
        );
        if (inline) {
          labelled ??= withoutBrackets(inline[2]!) || null;
          continue;
        }
        // A role alone names the person beside it: the next cell, definition or line, else the one before.
        if (isCjkTitle(label) || isCjkRepresentativeLabel(label)) {
          const title = isCjkTitle(label) ? label : null;
          const next = nextText(el);
          const split = next ? splitCjkRole(next) : null;
          if (split) add(split.name, split.title ?? title);
          else if (looksLikeCjkName(next)) add(next!, title);
          else if (looksLikeCjkName(previousText(el))) add(previousText(el)!, title);
          continue;
        }
        const split = splitCjkRole(piece);
        if (split) add(split.name, split.title);
      }
    }
    if (found.length === 0) return out;
    const company = companyName(ctx, labelled);
    for (const f of found) out.people.push(person("text", { name: f.name, title: f.title, companyName: company }));
    return out;
  },
};
