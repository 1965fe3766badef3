import type { Activity, ActivityType } from "./activity.ts";
import { isFreeMailDomain } from "./free-mail.ts";
import type { Lead } from "./lead.ts";
import { isProfileUrl } from "./normalize.ts";

/** One rule's contribution to a lead score, with the words a user sees. */
export interface ScoreReason {
  rule: "seniority" | "business_email" | "free_mail_only" | "completeness" | "recent_activity" | "recency";
  points: number;
  detail: string;
}

/** A lead score (0–100) and the reasons that add up to it. */
export interface LeadScore {
  score: number;
  fit: number;
  engagement: number;
  reasons: ScoreReason[];
}

/** Most points each part of the score can give; together they make 100. */
export const SCORE_WEIGHTS = { seniority: 30, businessEmail: 20, completeness: 20, activity: 24, recency: 6 } as const;

/** Title patterns by seniority, most senior first; the first that matches gives its points. */
const SENIORITY: ReadonlyArray<{ pattern: RegExp; points: number; label: string }> = [
  {
    pattern: new RegExp(
      String.raw`\b(ceo|cto|cfo|coo|cmo|cio|ciso|cro|cpo|chief|founder|co-?founder|owner|president|` +
        String.raw`partner|managing director|gesch[aä]ftsf[uü]hrer|directeur g[eé]n[eé]ral)\b`,
      "i",
    ),
    points: 30,
    label: "executive",
  },
  {
    pattern: /\b(vp|svp|evp|vice[- ]president|head of|director|directrice|directeur|leiter)\b/i,
    points: 22,
    label: "director or VP",
  },
  {
    pattern: /\b(manager|lead|principal|senior|sr\.?|team lead|supervisor)\b/i,
    points: 12,
    label: "manager or senior",
  },
];

/** Activity types that show engagement with the lead (not system bookkeeping). */
const ENGAGEMENT_TYPES: ReadonlySet<ActivityType> = new Set(["note", "email", "call", "meeting", "capture"]);

const DAY_MS = 86_400_000;

/** Points per engaging activity in the last 30 days, and the window. */
const POINTS_PER_ACTIVITY = 6;
const ACTIVITY_WINDOW_DAYS = 30;
const RECENCY_DAYS = 7;

/** Points per profile fact present, for completeness. */
/** The fields of a lead its score reads. */
type ScoredLead = Pick<Lead, "title" | "emails" | "phones" | "companyName" | "companyId" | "website" | "urls">;

const COMPLETENESS_FACTS: ReadonlyArray<{ label: string; has: (lead: ScoredLead) => boolean }> = [
  { label: "email", has: (l) => l.emails.length > 0 },
  { label: "phone", has: (l) => l.phones.length > 0 },
  { label: "title", has: (l) => !!l.title },
  { label: "company", has: (l) => !!l.companyName || !!l.companyId },
  { label: "profile URL or website", has: (l) => !!l.website || l.urls.some(isProfileUrl) },
];

/** The seniority points a job title gives, with the level it was read as. */
export function titleSeniority(title: string | null | undefined): { points: number; label: string } {
  if (!title) return { points: 0, label: "no title" };
  for (const level of SENIORITY) if (level.pattern.test(title)) return { points: level.points, label: level.label };
  return { points: 4, label: "individual contributor" };
}

/**
 * Scores a lead 0–100. Fit (70): seniority of the title, a business (not free-mail) email, how
 * complete the profile is. Engagement (30): engaging activities in the last 30 days and whether
 * one happened in the last week. `now` is passed in so a score is reproducible.
 */
export function scoreLead(
  lead: ScoredLead,
  activities: ReadonlyArray<Pick<Activity, "type" | "occurredAt">>,
  now: Date,
): LeadScore {
  const reasons: ScoreReason[] = [];
  const seniority = titleSeniority(lead.title);
  if (seniority.points)
    reasons.push({
      rule: "seniority",
      points: seniority.points,
      detail: `title "${lead.title}" reads as ${seniority.label}`,
    });

  const business = lead.emails.find((email) => !isFreeMailDomain(email));
  if (business)
    reasons.push({
      rule: "business_email",
      points: SCORE_WEIGHTS.businessEmail,
      detail: `business email at ${business.split("@").pop()}`,
    });
  else if (lead.emails.length) reasons.push({ rule: "free_mail_only", points: 0, detail: "only free-mail addresses" });

  const facts = COMPLETENESS_FACTS.filter((fact) => fact.has(lead));
  const completeness = Math.round((facts.length / COMPLETENESS_FACTS.length) * SCORE_WEIGHTS.completeness);
  if (completeness)
    reasons.push({ rule: "completeness", points: completeness, detail: `has ${facts.map((f) => f.label).join(", ")}` });

  const since = now.getTime() - ACTIVITY_WINDOW_DAYS * DAY_MS;
  const recent = activities.filter(
    (a) =>
      ENGAGEMENT_TYPES.has(a.type) && Date.parse(a.occurredAt) >= since && Date.parse(a.occurredAt) <= now.getTime(),
  );
  const activityPoints = Math.min(SCORE_WEIGHTS.activity, recent.length * POINTS_PER_ACTIVITY);
  if (activityPoints)
    reasons.push({
      rule: "recent_activity",
      points: activityPoints,
      detail: `${recent.length} activities in the last ${ACTIVITY_WINDOW_DAYS} days`,
    });
  const latest = Math.max(...recent.map((a) => Date.parse(a.occurredAt)), -Infinity);
  if (latest >= now.getTime() - RECENCY_DAYS * DAY_MS) {
    reasons.push({
      rule: "recency",
      points: SCORE_WEIGHTS.recency,
      detail: `last activity within ${RECENCY_DAYS} days`,
    });
  }

  const fit = reasons
    .filter((r) => ["seniority", "business_email", "completeness"].includes(r.rule))
    .reduce((sum, r) => sum + r.points, 0);
  const engagement = reasons
    .filter((r) => r.rule === "recent_activity" || r.rule === "recency")
    .reduce((sum, r) => sum + r.points, 0);
  return { score: Math.max(0, Math.min(100, fit + engagement)), fit, engagement, reasons };
}
