import { foldName } from "../normalize.ts";
import { rememberAnswers } from "../remember-answers.ts";

// Words that make a short capitalised line something other than a person's name.
const NOT_NAME_WORDS = new Set(
  (
    "about address all and at blog board careers chief click company contact contacts copyright customer dear " +
    "department director download email e-mail events fax features find follow for from get hello help here home " +
    "inc info join jobs learn leadership legal linkedin llc ltd management manager meet menu more news office " +
    "officer our page partners people phone press pricing privacy products read regards register sales see " +
    "services sign sincerely speakers staff subscribe support team tel terms thanks the this twitter us view " +
    "website welcome who with you your gmbh corp corporation group university foundation services solutions " +
    "president founder ceo cto cfo coo vp engineer engineering marketing head lead senior sr jr director " +
    // Organisations' words: sponsors, investors and partners listed like people ("Orla Systems", "Stellan Ventures").
    "systems labs ventures capital holdings technologies software networks analytics consulting agency studio " +
    "studios initiative summit conference events bank fund insurance logistics health pharma " +
    // German staff lists' roles, capitalised like names ("Wissenschaftliche Mitarbeiterin").
    "ihr ihre unser unsere ansprechpartner ansprechpartnerin votre vos notre interlocuteur contacto nuestro " +
    "network networks dentistry dental clinic practice realty realtors medical center centre care physiotherapy law " +
    "name surname position counselor counsellor registrar librarian receptionist clerk mitarbeiter mitarbeiterin wissenschaftliche wissenschaftlicher doktorand doktorandin sekretariat"
  ).split(" "),
);

const PARTICLES = new Set([
  "van",
  "von",
  "der",
  "den",
  "de",
  "del",
  "della",
  "da",
  "di",
  "du",
  "la",
  "le",
  "bin",
  "al",
  "el",
  "st.",
  "y",
  // Catalan joins two surnames with "i" ("Montserrat Solé i Puig").
  "i",
  "dos",
  "das",
  "ten",
  "ter",
]);

// A street line of an address: its last word ("Carlton Street", "Hauptstraße") or first ("Rue Oberkampf").
const STREET_LAST =
  /(street|road|avenue|boulevard|blvd|square|crescent|terrace|parkway|highway|drive|straße|strasse|str\.|platz|allee|gasse|weg|laan|straat|gracht)$/iu;
const STREET_FIRST = /^(rue|calle|avenida|av\.|via|viale|piazza|plaza|place|chemin|carrer|rua|avenue|boulevard)$/i;

// Answers of looksLikePersonName and looksLikeTitle: every source asks them of the same headings and lines (a
// card's name and title by the team-page source, again by the person near its email link), and the same titles
// repeat down a team page. For short texts only (names); forgotten when a page's extraction starts.
const personNameAnswers = rememberAnswers(readsAsPersonName);
const titleAnswers = rememberAnswers(readsAsTitle);

/** Forget the remembered answers of looksLikePersonName and looksLikeTitle (a new page's extraction begins). */
export function forgetNameAnswers(): void {
  personNameAnswers.forget();
  titleAnswers.forget();
}

/** Whether a short text looks like a person's name: 2–5 capitalised words, letters only, no role or UI words. */
export function looksLikePersonName(raw: string | null | undefined): boolean {
  if (!raw) return false;
  return raw.length > 120 ? readsAsPersonName(raw) : personNameAnswers(raw);
}

function readsAsPersonName(raw: string): boolean {
  const collapsed = collapseSpaces(raw).trim();
  const text = stripNamePrefixes(collapsed.endsWith(",") ? collapsed.slice(0, -1) : collapsed);
  if (text.length < 3 || text.length > 50) return false;
  if (/[@/:|\d()<>[\]{}!?;=+*#$%&_"“”]/.test(text)) return false;
  const words = text.split(" ");
  if (words.length < 2 || words.length > 5) return false;
  if (STREET_LAST.test(words[words.length - 1]!) || STREET_FIRST.test(words[0]!)) return false;
  let capitalised = 0;
  for (const word of words) {
    const folded = word.toLowerCase();
    const lower = folded.endsWith(".") || folded.endsWith(",") ? folded.slice(0, -1) : folded;
    if (NOT_NAME_WORDS.has(lower)) return false;
    if (PARTICLES.has(lower)) continue;
    // Initials ("J.", "J.R.") and capitalised words, including accented and hyphenated ones.
    if (/^\p{Lu}[\p{L}'’.-]*$/u.test(word)) capitalised++;
    else return false;
  }
  // ALL-CAPS lines are usually headings ("OUR TEAM"); allow them only when short words are mixed case.
  if (text === text.toUpperCase() && !/^(\p{Lu}\.\s?)+/u.test(text)) return false;
  return capitalised >= 2;
}

// Whitespace other than a lone space: the only texts whose runs need collapsing (most names have none).
const UNCOLLAPSED_SPACE = /[^\S ]| {2}/;

/** Runs of whitespace as one space each (`replace(/\s+/g, " ")`), without a replacement when there are none. */
function collapseSpaces(value: string): string {
  return UNCOLLAPSED_SPACE.test(value) ? value.replace(/\s+/g, " ") : value;
}

// Academic, professional and courtesy prefixes written before a name: kept out of the name itself.
const NAME_PREFIX =
  /^(?:(?:prof\.?|professor|dr\.\s?(?:med|rer|phil|jur|oec|sc|h\.\s?c)\.(?:\s?(?:nat|pol|dent|vet)\.)?|dr\.?(?:\s?-?\s?ing\.)?|dipl\.\s?-?\s?[\p{L}]+\.(?:\s?\(fh\))?|mag\.|ing\.|m\.|mme\.?|mlle\.?|mr\.?|mrs\.?|ms\.?|mx\.?|herr|frau|d\.|dña\.|dª|sr\.|sra\.|dott\.(?:ssa)?|avv\.|me|ir\.|drs\.|mgr\.?|univ\.-prof\.|i\.\s?a\.|i\.\s?v\.|ppa\.|pp\.)\s+)+/iu;

// A dot, a comma, a courtesy word or capitals at the end: what every prefix or suffix above contains.
const MAY_HAVE_AFFIX =
  /[.,]|^(?:Herr|Frau|Mme|Mlle|Mrs?|Ms|Mx|Me|Mgr|MBA|Professor|Dr|Prof|Dª|herr|frau)\s|\s(?:[A-Z]{2,6}|PhD|Esq|BVSc|BVetMed)$|[)®]$/;

// Degrees and post-nominal letters written after a name ("Oliver Grant MCSP", "Jane Roe, PhD").
// Veterinary, medical and accounting degrees too ("Hamish Coleridge BVSc (Hons)", "Ana Lima MBBS", "Tom Hale CFP®").
const NAME_SUFFIX =
  /(?:,?\s+(?:ph\.?\s?d\.?|m\.?d\.?|mba|m\.?\s?sc\.?|b\.?\s?sc\.?|m\.?a\.?|dds|dmd|cpa|cfa|cfp|esq\.?|rn|mcsp|frcs|frcp|mrcp|ll\.?m\.?|j\.?d\.?|pmp|cissp|bvsc|bvms|bvetmed|dvm|vmd|mrcvs|mbbs|mbchb|bds|fracgp|fracs|acca|fca|riba|\(hons?\.?\))®?)+$/iu;
// Degrees written before a name, where German-speaking sites put them ("M.Sc. Jonas Albrecht").
const DEGREE_PREFIX = /^(?:(?:m|b)\.\s?(?:sc|a|eng|ed)\.|mba|ll\.\s?m\.)\s+/iu;

/**
 * A name without its academic, professional or courtesy prefixes and post-nominal letters
 * ("Dipl.-Ing. Jörg Wendt" → "Jörg Wendt", "Oliver Grant MCSP" → "Oliver Grant"); full-width spaces as spaces.
 */
export function stripNamePrefixes(raw: string): string {
  const text = collapseSpaces(raw).trim();
  // Most names carry no prefix: one cheap test before the full patterns (this runs for every name candidate).
  if (!MAY_HAVE_AFFIX.test(text)) return text;
  const stripped = text
    .replace(DEGREE_PREFIX, "")
    .replace(NAME_PREFIX, "")
    .replace(DEGREE_PREFIX, "")
    .replace(NAME_SUFFIX, "");
  // A name that is only a prefix and one word ("Dr. Who") keeps what it has.
  return stripped.includes(" ") ? stripped : text;
}

/**
 * Whether two names refer to the same person as written (folded equality, or one is the other plus
 * a middle initial).
 */
export function sameName(a: string, b: string): boolean {
  // Degrees one side writes and the other leaves out ("Prof. Dr. Astrid Berg" in a signature, "Astrid Berg" in From).
  const fa = foldName(stripNamePrefixes(a));
  const fb = foldName(stripNamePrefixes(b));
  if (!fa || !fb) return false;
  if (fa === fb) return true;
  const wa = fa.split(" ");
  const wb = fb.split(" ");
  // "Jane Q. Doe" vs "Jane Doe": same first and last word.
  return wa.length >= 2 && wb.length >= 2 && wa[0] === wb[0] && wa[wa.length - 1] === wb[wb.length - 1];
}

const TITLE_WORDS = new RegExp(
  String.raw`\b(ceo|cto|cfo|coo|cmo|cio|ciso|cpo|vp|svp|evp|avp|chief|president|founder|co-?founder|owner|` +
    "partner|principal|director|manager|head|lead|leader|engineer|developer|designer|architect|" +
    "analyst|consultant|specialist|coordinator|officer|counsel|attorney|lawyer|associate|assistant|" +
    "administrator|admin|executive|representative|rep|advisor|adviser|scientist|researcher|" +
    "professor|lecturer|editor|writer|journalist|producer|recruiter|accountant|controller|treasurer|" +
    "secretary|chair|chairman|chairwoman|chairperson|trader|broker|strategist|evangelist|advocate|" +
    "intern|student|fellow|nurse|doctor|physician|dentist|pharmacist|teacher|coach|agent|sales|" +
    "marketing|operations|product|engineering|legal|hr|human resources|support|success|account|" +
    String.raw`business development|bdr|sdr|ae|gm|md|managing|senior|sr\.?|jr\.?|junior|staff|technician|` +
    "supervisor|superintendent|planner|buyer|marketer|programmer|member of technical staff|" +
    String.raw`geschäftsführer|geschäftsführerin|gérant|gérante|gerente|directeur|directrice|responsable|leiter|leiterin|` +
    "ingenieur|ingénieur|président|présidente|presidente|administrador|administradora|consejero|consejera|" +
    String.raw`amministratore|conducteur|technicien|technicienne|commercial|commerciale|comptable|chargé|chargée|mitarbeiter|mitarbeiterin|doktorand|doktorandin|vorstand|vorsitzender|vorsitzende|inhaber|inhaberin|prokurist|prokuristin|` +
    // Italian, Spanish, Portuguese, Dutch, Polish and Scandinavian job words ("Agente immobiliare", "Socia",
    // "Kierownik Sprzedaży", "Daglig leder").
    String.raw`agente|direttore|direttrice|responsabile|socio|socia|asociado|asociada|abogado|abogada|diretor|diretora|` +
    String.raw`coordenador|coordenadora|coordinador|coordinadora|analista|consultor|consultora|adviseur|medewerker|` +
    String.raw`kierownik|kierowniczka|inżynier|dyrektor|dyrektorka|prezes|specjalista|leder|ledare|konsult|rådgiver|rådgivare|` +
    // A department named as the person's role, as "Sales" is: "Vertrieb", "Einkauf", "Ventas", "Ventes".
    String.raw`vertrieb|verkauf|einkauf|ventas|ventes|vendite|verkoop|försäljning|salg|` +
    // French academic ranks ("Maître de conférences", "Professeure", "Chargée de recherche" is above).
    String.raw`maître|maîtresse|professeur|professeure|chercheur|chercheuse|enseignant|enseignante)(?![\p{L}])`,
  "iu",
);

// German and Dutch compound titles: "Projektleiter", "Vertriebsleiterin", "Unternehmensberater".
const COMPOUND_TITLE = new RegExp(
  String.raw`\p{L}+(leiter|leiterin|führer|führerin|berater|beraterin|ingenieur|ingenieurin|` +
    "manager|managerin|direktor|direktorin|referent|referentin|assistent|assistentin|" +
    String.raw`architekt|architektin|vorstand|inhaber|inhaberin|directeur|beheerder|` +
    // Swedish, Danish and Norwegian: "Försäljningschef", "Servicetekniker", "Salgssjef", "Projektledare".
    String.raw`chef|sjef|tekniker|ansvarig|ansvarlig|säljare|sælger|selger|ledare|leder|arkitekt|rådgiver)\b`,
  "iu",
);

/** Whether a short text reads like a job title ("VP Sales", "Senior Counsel"). */
export function looksLikeTitle(raw: string | null | undefined): boolean {
  return raw ? titleAnswers(raw) : false;
}

function readsAsTitle(raw: string): boolean {
  const text = raw.trim();
  if (text.length < 2 || text.length > 80) return false;
  if (/[@]|https?:|www\./i.test(text)) return false;
  if (/\d{3,}/.test(text)) return false;
  return TITLE_WORDS.test(text) || COMPOUND_TITLE.test(text);
}

const COMPANY_SUFFIX = new RegExp(
  String.raw`(\b(inc|incorporated|corp|corporation|co|company|companies|llc|l\.l\.c|llp|l\.l\.p|lp|ltd|limited|` +
    String.raw`plc|gmbh|ag|kg|sa|s\.a|sas|sarl|srl|s\.r\.l|spa|bv|b\.v|nv|n\.v|oy|ab|as|a\/s|pty|pte|kk|group|` +
    "holdings|partners|associates|bank|capital|ventures|labs|technologies|technology|systems|solutions|" +
    "services|consulting|consultants|advisors|advisers|international|industries|enterprises|studio|" +
    "studios|agency|foundation|institute|university|college|school|association|society|council|network|" +
    String.raw`networks|media|communications|energy|software|partnership|trust|fund|firm)\b\.?)\s*$`,
  "i",
);

/** Whether a line ends like an organisation's name ("Acme Corp.", "Doe & Roe L.L.P."). */
export function looksLikeCompany(raw: string | null | undefined): boolean {
  if (!raw) return false;
  const text = raw.trim();
  if (text.length < 2 || text.length > 80) return false;
  return COMPANY_SUFFIX.test(text) || /\b(inc|corp|llc|ltd|gmbh|plc)\b\.?,?/i.test(text);
}

/**
 * A title-cased guess of a name from an email's local part (`jane.doe` → "Jane Doe"); null when it
 * does not split in two.
 */
export function nameFromEmail(email: string): string | null {
  const local = email.split("@")[0] ?? "";
  const parts = local.split(/[._-]+/).filter((p) => /^[a-z]{2,}$/i.test(p));
  if (parts.length < 2 || parts.length > 3 || parts.length !== local.split(/[._-]+/).length) return null;
  return parts.map((p) => p[0]!.toUpperCase() + p.slice(1).toLowerCase()).join(" ");
}

/** Whether an email's local part fits a person's name (`jdoe`, `jane.doe`, `jane`, `doe.j`). */
export function emailFitsName(email: string, name: string): boolean {
  // German addresses spell umlauts out: "Müller" is "mueller" there.
  const spelled = name.replace(/[äöüÄÖÜß]/g, (c) => UMLAUT[c] ?? c);
  return spelled !== name && fitsName(email, spelled) ? true : fitsName(email, name);
}

const UMLAUT: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss" };

// foldName's answers for fitsName: a page's every address without a name is compared with every named person
// (see combine.ts), each name and local part folded once. A bounded number; foldName is pure, so they never go stale.
const foldedAnswers = new Map<string, string>();

function foldedOnce(text: string): string {
  let folded = foldedAnswers.get(text);
  if (folded === undefined) {
    folded = foldName(text);
    if (foldedAnswers.size >= 4000) foldedAnswers.clear();
    foldedAnswers.set(text, folded);
  }
  return folded;
}

function fitsName(email: string, name: string): boolean {
  const local = foldedOnce((email.split("@")[0] ?? "").replace(/[._-]+/g, " ")).replace(/ /g, "");
  const words = foldedOnce(name)
    .split(" ")
    .filter((w) => w.length > 0);
  if (!local || words.length === 0) return false;
  const first = words[0]!;
  const last = words[words.length - 1]!;
  return (
    local === first + last ||
    local === first ||
    local === last + first ||
    local === first[0] + last ||
    local === first + last[0] ||
    local === last ||
    local === last + first[0] ||
    (local.includes(first) && local.includes(last))
  );
}

const ROLE_LOCALS = new RegExp(
  "^(info|contact|hello|hi|sales|support|help|admin|office|team|press|media|jobs|careers|hr|" +
    "billing|accounts|enquiries|inquiries|marketing|service|customerservice|webmaster|privacy|" +
    "legal|noreply|no-reply|donotreply|security|abuse|partners|events|general|mail|post|kontakt|" +
    "bonjour|reservations|booking|orders|feedback|investors|ir|news|newsletter|community)$",
  "i",
);

/** Whether an email address is a role mailbox (info@, sales@…) rather than a person's. */
export function isRoleEmail(email: string): boolean {
  return ROLE_LOCALS.test(email.split("@")[0] ?? "");
}

// Job titles of Japanese, Chinese and Korean company pages: board and management roles, a department before some
// ("営業部長", "销售总监"); Latin acronyms may follow ("代表取締役社長 CEO").
const CJK_ROLE_WORD = String.raw`(?:代表取締役(?:社長|会長|副社長|専務|常務)?|(?:取締役)?副社長|取締役(?:会長|社長)?|社外取締役|常務取締役|専務取締役|常務執行役員|専務執行役員|執行役員|(?:常勤|社外)?監査役|会長|社長|代表社員|代表理事|理事長|院長|[\p{Script=Han}]{0,4}(?:本部長|部長|課長|室長|支店長|所長|工場長|センター長)|(?:副)?董事[长長]|(?:执行|執行|独立|獨立)?董事|(?:副)?[总總]经理|(?:副)?[总總]裁|執行長|首席[\p{Script=Han}]{2,4}官|[监監]事|[\p{Script=Han}]{0,4}(?:总监|總監|经理|經理|主管|主任|部长|部長|協理|處長)|대표이사|부사장|사장|부회장|회장|전무|상무|이사|감사|[\p{Script=Hangul}]{0,4}(?:부장|팀장|본부장|실장|센터장))`;
const CJK_ACRONYM = String.raw`(?:C[A-Z]O|VP|GM|MD)`;
/** A title alone: roles and acronyms ("代表取締役社長 CEO", "销售总监", "대표이사"). */
const CJK_TITLE = new RegExp(
  String.raw`^(?:${CJK_ROLE_WORD}|${CJK_ACRONYM})(?:[\s・/]*(?:${CJK_ROLE_WORD}|${CJK_ACRONYM}))*$`,
  "u",
);
// Labels naming the person who represents a company without giving a job title.
const CJK_REPRESENTATIVE = /^(?:代表者|代表|法定代表人|法人代表|負責人|负责人|대표자)$/u;
// Words no name contains: a company, a page's sections (a "representative's greeting", 代表挨拶, is no
// representative named 挨拶), contact labels.
const NOT_CJK_NAME =
  /会社|株式|有限|公司|集团|集團|概要|情報|案内|事業|本社|支店|電話|番号|地址|电话|邮箱|传真|傳真|简介|簡介|联系|聯絡|我们|我們|产品|產品|服务|服務|新闻|新聞|首页|首頁|所在|設立|資本|挨拶|沿革|理念|方針|採用|致辞|致辭|寄语|寄語|主页|인사말|주식|회사|소개|전화|주소|팩스|메일|사업|설립/u;

/** Spaces as a page writes them between CJK family and given names (full-width, no-break) as one space. */
function cjkSpaces(raw: string): string {
  return raw.replace(/[\s\u3000\u00a0]+/g, " ").trim();
}

/**
 * Whether a text is a person's name written in Chinese characters (2–4, or family and given name apart:
 * "山田 太郎", "中村 由美子") or in Hangul (2–4 syllables). Only meaningful where a role names the person.
 */
export function looksLikeCjkName(raw: string | null | undefined): boolean {
  if (!raw) return false;
  const text = cjkSpaces(raw);
  if (NOT_CJK_NAME.test(text) || CJK_TITLE.test(text)) return false;
  if (/^\p{Script=Hangul}{2,4}$/u.test(text)) return true;
  if (/^\p{Script=Han}{2,4}$/u.test(text)) return true;
  return /^\p{Script=Han}{1,3} \p{Script=Han}{1,3}$/u.test(text);
}

/** Whether a text is a CJK job title alone ("代表取締役", "总经理", "대표이사 CEO"). */
export function isCjkTitle(raw: string): boolean {
  const text = cjkSpaces(raw);
  if (CJK_TITLE.test(text)) return true;
  // A role followed by its English form or a Latin title: "執行役員 VP of Sales".
  const mixed = text.match(/^(.*[\p{Script=Han}\p{Script=Hangul}])\s*([A-Za-z][A-Za-z .,&/-]{1,60})$/u);
  return mixed !== null && CJK_TITLE.test(mixed[1]!.trim()) && looksLikeTitle(mixed[2]!);
}

/** Whether a label names a company's representative without a title ("代表者", "法定代表人"). */
export function isCjkRepresentativeLabel(raw: string): boolean {
  return CJK_REPRESENTATIVE.test(cjkSpaces(raw).replace(/[:：]$/, ""));
}

/**
 * A role and the name after it in one text: "代表取締役社長　山田 太郎", "总经理：王建国", "한빛소프트웨어 대표이사
 * 김민준" (the company before the role is dropped); null when the text is not that.
 */
export function splitCjkRole(raw: string): { title: string | null; name: string } | null {
  const text = cjkSpaces(raw);
  const m = text.match(
    new RegExp(
      String.raw`(?:^|\s)((?:${CJK_ROLE_WORD}|${CJK_ACRONYM})(?:[\s・/]*(?:${CJK_ROLE_WORD}|${CJK_ACRONYM}))*|代表者|代表|法定代表人|負責人|负责人|대표자)\s*[:：]?\s*(\S+(?: \S+)?)$`,
      "u",
    ),
  );
  if (!m) return null;
  // "代表 山田 太郎" or "代表者：王建国": the label names no title.
  const title = CJK_REPRESENTATIVE.test(m[1]!) ? null : m[1]!;
  // The last one or two words, whichever is a name ("山田 太郎", else "太郎" alone is no full name).
  const words = m[2]!.split(" ");
  const name = words.length === 2 && looksLikeCjkName(m[2]) ? m[2]! : words.length === 1 ? m[2]! : null;
  if (!name || !looksLikeCjkName(name)) return null;
  // Whatever comes before the role is a company or a greeting, never part of the title.
  return { title, name };
}

// A role, then a name with the honorific running text gives it ("创始人兼首席执行官王立新先生", "首席技术官刘 婷女士",
// "代表取締役の山田太郎氏"): the honorific closes the name, so it needs no space or label around it.
const CJK_INTRODUCED = new RegExp(
  String.raw`((?:(?:联合|聯合)?(?:创始人|創始人|创办人|創辦人)兼|(?:${CJK_ROLE_WORD})兼)?(?:${CJK_ROLE_WORD}))(?:の)?\s?(\p{Script=Han}{1,3} \p{Script=Han}{1,3}|\p{Script=Han}{2,4}?)(?:先生|女士|氏|様|님)`,
  "gu",
);

/** The people a CJK sentence introduces by role and honorific, with their titles. */
export function cjkIntroduced(raw: string): Array<{ title: string; name: string }> {
  const out: Array<{ title: string; name: string }> = [];
  for (const m of cjkSpaces(raw).matchAll(CJK_INTRODUCED))
    if (looksLikeCjkName(m[2])) out.push({ title: m[1]!, name: m[2]! });
  return out;
}

/**
 * A company written as an account handle ("@acme", "@kestrel-labs") as the company's name ("Acme", "Kestrel
 * Labs"); any other name as it is.
 */
export function companyFromHandle(raw: string): string {
  const handle = raw.trim().match(/^@([\p{L}\d][\p{L}\d_.-]*)$/u)?.[1];
  if (!handle) return raw;
  return handle
    .split(/[-_.]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}
