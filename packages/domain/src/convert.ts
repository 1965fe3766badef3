import { getDomainWithoutSuffix } from "tldts";
import { SET_FIELDS } from "./common.ts";
import { carryCustomFields } from "./custom-fields.ts";
import { isFreeMailDomain } from "./free-mail.ts";
import { isHostedPage } from "./hosts.ts";
import type { CustomFieldValues } from "./common.ts";
import type { Lead } from "./lead.ts";
import { indexKeys } from "./keys.ts";
import { canConvert } from "./lifecycle.ts";
import { emailDomain, foldName, registrableDomain } from "./normalize.ts";
import { firstStage } from "./pipeline.ts";
import { clockAfter, createNew, openBatch, type MutationBatch } from "./sync/batch.ts";
import {
  authorIdOf,
  settingsOf,
  type ApplyContext,
  type ApplyError,
  type ApplyResult,
  type RecordReader,
} from "./sync/context.ts";
import { keepHistory } from "./sync/history.ts";
import { fieldsOf, recordsOf, type RecordOf, type SyncedRecord } from "./sync/record.ts";

/**
 * A conversion to make: the lead, ids proposed for the contact and company it may create, and an
 * optional deal with its id; `activityId` names the conversion activity.
 */
export interface ConversionRequest {
  leadId: string;
  contactId: string;
  companyId: string;
  dealId?: string | undefined;
  deal?: { title: string; amount?: number | undefined; currency?: string | undefined } | undefined;
  activityId: string;
}

/** What a conversion produced (or, for a converted lead, had produced). */
export interface ConversionResult {
  lead: RecordOf<"lead">;
  contact: RecordOf<"contact"> | null;
  company: RecordOf<"company"> | null;
  deal: RecordOf<"deal"> | null;
}

/** Contact fields a conversion fills from the lead when the contact has no value yet. */
const CONTACT_FILL_FIELDS = ["name", "title", "location", "postalAddress", "ownerId", "companyId"] as const;
/** Company fields a conversion fills from the lead when the company has no value yet. */
const COMPANY_FILL_FIELDS = ["name", "domain", "website", "ownerId"] as const;

/**
 * The registrable domains that say which company a lead works for, best first: its website, then
 * its email domains. Free-mail and disposable domains say nothing and are left out.
 */
export function companyDomains(lead: Pick<Lead, "website" | "emails">): string[] {
  const domains: string[] = [];
  // A profile or hosted page (a social network, a code host) is never the company's own site.
  const website = lead.website && !isHostedPage(lead.website) ? registrableDomain(lead.website) : null;
  if (website && !isFreeMailDomain(website)) domains.push(website);
  for (const email of lead.emails) {
    const domain = emailDomain(email);
    if (domain && !isFreeMailDomain(domain) && !domains.includes(domain)) domains.push(domain);
  }
  return domains;
}

/** A company name guessed from its domain when the lead gives none: `acme-labs.co.uk` → `Acme-labs`. */
export function companyNameFromDomain(domain: string): string {
  const label = getDomainWithoutSuffix(domain) || domain;
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Whether a repeated conversion of an already converted lead asks for the same outcome (then it is a no-op). */
export async function isSameConversion(
  reader: RecordReader,
  lead: RecordOf<"lead">,
  args: ConversionRequest,
  ctx: ApplyContext,
): Promise<boolean> {
  const dealId = lead.data.convertedDealId ?? null;
  if (!args.deal) return dealId === null;
  if (dealId === null) return false;
  if (dealId === args.dealId) return true;
  // The API generates fresh ids per request: a retry asking for the same deal is the same conversion.
  const deal = await reader.get("deal", dealId);
  if (!deal) return false;
  const currency = args.deal.currency ?? settingsOf(ctx).currency;
  return (
    deal.data.title === args.deal.title.trim() &&
    deal.data.amount === (args.deal.amount ?? 0) &&
    deal.data.currency === currency
  );
}

/**
 * Converts a lead (the `convertLead` mutation). The lead becomes a contact (an existing contact
 * with one of its emails or
 * profile URLs, else a new one with `contactId`), its company an existing company with its domain
 * (or, lacking a domain match, the same name and no conflicting domain), else a new one with
 * `companyId` — never for free-mail domains alone; optionally a deal in the first open stage.
 * Existing records only get their empty fields filled; the lead's differing values go to their
 * history. Open tasks move to the contact; activities stay on the lead and show on the contact's
 * timeline through `sourceLeadIds` (see `timelineSubjects`). Converting again with the same
 * intent changes nothing; asking for a different deal is a conflict.
 */
export async function convertLead(
  reader: RecordReader,
  args: ConversionRequest,
  ctx: ApplyContext,
): Promise<ApplyResult> {
  const leadRecord = await reader.get("lead", args.leadId);
  if (!leadRecord) return fail("not_found", `lead ${args.leadId} does not exist`);
  if (leadRecord.deleted) {
    // A merged-away lead lives on in its survivor: converting it is a conflict that names where to go.
    const survivor = leadRecord.data.mergedIntoId;
    return survivor
      ? fail("conflict", `lead ${args.leadId} was merged into ${String(survivor)}`)
      : fail("not_found", `lead ${args.leadId} was deleted`);
  }
  const lead = leadRecord.data;
  if (lead.status === "converted") {
    return (await isSameConversion(reader, leadRecord, args, ctx))
      ? { ok: true, changed: [] }
      : fail("conflict", `lead ${args.leadId} was already converted differently`);
  }
  if (!canConvert(lead.status)) return fail("conflict", `an ${lead.status} lead must be re-opened before conversion`);

  const settings = settingsOf(ctx);
  const batch = openBatch(reader, ctx);

  // Company: matched or created; a lead with neither a company name nor a business domain has none.
  const domains = companyDomains(lead);
  let company = await matchCompany(batch, lead, domains);
  let companyCreated = false;
  if (company) {
    const fill = companyFill(lead, domains);
    // The domain is unique in a workspace: a linked company does not take one another company has.
    if (!company.data.domain && typeof fill.domain === "string") {
      const owners = recordsOf(await batch.findByKey(`domain:${fill.domain}`), "company").filter(
        (r) => r.id !== company!.id && companyDomainOf(r) === fill.domain,
      );
      if (owners.length) fill.domain = null;
    }
    const failed = await fillEmpty(batch, company, fill, COMPANY_FILL_FIELDS, ctx);
    if (failed) return { ok: false, error: failed };
  } else if (lead.companyName || domains[0]) {
    const fields = companyFill(lead, domains);
    const failed = await createNew(batch, "company", args.companyId, fields);
    if (failed) return { ok: false, error: failed };
    companyCreated = true;
  }
  if (companyCreated) company = await batch.get("company", args.companyId);
  const companyId = company?.id ?? null;

  // Contact: matched by email or profile URL, or created.
  const contact = await matchContact(batch, lead);
  const contactId = contact?.id ?? args.contactId;
  const carried = carryCustomFields(lead.custom, "lead", "contact", settings.customFields);
  if (contact) {
    const failed = await mergeIntoContact(batch, contact, lead, companyId, carried, ctx);
    if (failed) return { ok: false, error: failed };
  } else {
    const failed = await createNew(batch, "contact", contactId, {
      name: lead.name,
      emails: lead.emails,
      phones: lead.phones,
      urls: lead.urls,
      title: lead.title,
      location: lead.location,
      postalAddress: lead.postalAddress ?? null,
      tags: lead.tags,
      ownerId: lead.ownerId,
      companyId,
      sourceLeadIds: [lead.id],
      provenance: lead.provenance,
      custom: carried,
    });
    if (failed) return { ok: false, error: failed };
  }

  // Deal: optional, in the first open stage of the workspace's pipeline.
  let dealId: string | null = null;
  if (args.deal && args.dealId) {
    dealId = args.dealId;
    const failed = await createNew(batch, "deal", dealId, {
      title: args.deal.title,
      amount: args.deal.amount ?? 0,
      currency: args.deal.currency ?? settings.currency,
      stage: firstStage(settings.pipeline).key,
      contactId,
      companyId,
      leadId: lead.id,
      ownerId: lead.ownerId,
    });
    if (failed) return { ok: false, error: failed };
  }

  // Open tasks follow the relationship; done tasks stay as the lead's history.
  for (const task of await batch.findByKey(`subject:lead:${lead.id}`)) {
    if (task.type !== "task" || task.data.done === true) continue;
    const failed = await batch.run(
      "update",
      { type: "task", id: task.id, set: { subject: { type: "contact", id: contactId } } },
      clockAfter(ctx, [task]),
    );
    if (failed) return { ok: false, error: failed };
  }

  const leadSet: Record<string, unknown> = {
    status: "converted",
    convertedContactId: contactId,
    convertedCompanyId: companyId,
    convertedDealId: dealId,
  };
  if (!lead.companyId && companyId) leadSet.companyId = companyId;
  const failedLead = await batch.run(
    "update",
    { type: "lead", id: lead.id, set: leadSet },
    clockAfter(ctx, [leadRecord]),
  );
  if (failedLead) return { ok: false, error: failedLead };

  const failedActivity = await createNew(batch, "activity", args.activityId, {
    type: "conversion",
    subject: { type: "lead", id: lead.id },
    occurredAt: ctx.now,
    authorId: authorIdOf(ctx),
    data: { contactId, companyId, dealId, contactCreated: !contact, companyCreated, from: lead.status },
  });
  if (failedActivity) return { ok: false, error: failedActivity };
  return batch.result();
}

/** The lead and the contact, company and deal it became, for answering a conversion request. */
export async function conversionResult(reader: RecordReader, leadId: string): Promise<ConversionResult | null> {
  const lead = await reader.get("lead", leadId);
  if (!lead) return null;
  const load = async <T extends "contact" | "company" | "deal">(type: T, id: string | null) =>
    id ? ((await reader.get(type, id)) ?? null) : null;
  return {
    lead,
    contact: await load("contact", lead.data.convertedContactId),
    company: await load("company", lead.data.convertedCompanyId),
    deal: await load("deal", lead.data.convertedDealId),
  };
}

async function matchCompany(
  batch: MutationBatch,
  lead: Lead,
  domains: string[],
): Promise<RecordOf<"company"> | undefined> {
  if (lead.companyId) {
    const linked = await batch.get("company", lead.companyId);
    if (linked && !linked.deleted) return linked;
  }
  for (const domain of domains) {
    const hits = recordsOf(await batch.findByKey(`domain:${domain}`), "company").filter(
      (r) => companyDomainOf(r) === domain,
    );
    if (hits.length) return oldest(hits);
  }
  if (lead.companyName && foldName(lead.companyName)) {
    // A same-named company with another domain is a different company (Acme Inc vs Acme GmbH).
    const hits = recordsOf(await batch.findByKey(`name:company:${foldName(lead.companyName)}`), "company").filter(
      (r) => {
        const domain = companyDomainOf(r);
        return domain === null || domains.length === 0 || domains.includes(domain);
      },
    );
    if (hits.length) return oldest(hits);
  }
  return undefined;
}

async function matchContact(batch: MutationBatch, lead: Lead): Promise<RecordOf<"contact"> | undefined> {
  const byEmail: Array<RecordOf<"contact">> = [];
  for (const email of lead.emails) byEmail.push(...recordsOf(await batch.findByKey(`email:${email}`), "contact"));
  if (byEmail.length) return oldest(byEmail);
  const byUrl: Array<RecordOf<"contact">> = [];
  for (const key of profileKeys(lead)) byUrl.push(...recordsOf(await batch.findByKey(key), "contact"));
  return byUrl.length ? oldest(byUrl) : undefined;
}

function profileKeys(lead: Lead): string[] {
  return indexKeys("lead", lead).filter((key) => key.startsWith("url:"));
}

function companyFill(lead: Lead, domains: string[]): Record<string, unknown> {
  const domain = domains[0] ?? null;
  const website = lead.website && domain && registrableDomain(lead.website) === domain ? lead.website : null;
  return {
    name: lead.companyName ?? (domain ? companyNameFromDomain(domain) : null),
    domain,
    website,
    ownerId: lead.ownerId,
  };
}

async function mergeIntoContact(
  batch: MutationBatch,
  contact: RecordOf<"contact">,
  lead: Lead,
  companyId: string | null,
  carried: CustomFieldValues,
  ctx: ApplyContext,
): Promise<ApplyError | null> {
  const incoming: Record<string, unknown> = {
    name: lead.name,
    title: lead.title,
    location: lead.location,
    postalAddress: lead.postalAddress ?? null,
    ownerId: lead.ownerId,
    companyId,
  };
  const failedFill = await fillEmpty(batch, contact, incoming, CONTACT_FILL_FIELDS, ctx, {
    sourceLeadIds: [...new Set([...(contact.data.sourceLeadIds ?? []), lead.id])],
    custom: fillCustom(contact.data.custom ?? {}, carried),
  });
  if (failedFill) return failedFill;
  for (const field of SET_FIELDS) {
    const values = lead[field] ?? [];
    if (!values.length) continue;
    const failed = await batch.run(
      "add",
      { type: "contact", id: contact.id, field, values },
      clockAfter(ctx, [contact]),
    );
    if (failed) return failed;
  }
  return null;
}

function fillCustom(existing: CustomFieldValues, incoming: CustomFieldValues) {
  const merged = { ...existing };
  for (const [key, value] of Object.entries(incoming))
    if (merged[key] === undefined || merged[key] === null) merged[key] = value;
  return merged;
}

/**
 * Sets the fields of `record` that are empty from `incoming` (plus `extra` as given); a differing
 * value the record already has is kept, and the incoming one goes to the record's history.
 */
async function fillEmpty(
  batch: MutationBatch,
  record: SyncedRecord,
  incoming: Record<string, unknown>,
  fields: readonly string[],
  ctx: ApplyContext,
  extra: Record<string, unknown> = {},
): Promise<ApplyError | null> {
  const set: Record<string, unknown> = {};
  const declined: Array<[string, unknown]> = [];
  const data = fieldsOf(record);
  for (const field of fields) {
    const value = incoming[field];
    if (isEmpty(value)) continue;
    const current = data[field];
    if (isEmpty(current)) set[field] = value;
    else if (!sameText(current, value)) declined.push([field, value]);
  }
  for (const [field, value] of Object.entries(extra))
    if (JSON.stringify(data[field]) !== JSON.stringify(value)) set[field] = value;
  const at = clockAfter(ctx, [record]);
  if (Object.keys(set).length) {
    const failed = await batch.run("update", { type: record.type, id: record.id, set }, at);
    if (failed) return failed;
  }
  if (declined.length) {
    const latest = (await batch.get(record.type, record.id))!;
    // The record keeps its own value; the declined one is noted in its history.
    for (const [field, value] of declined)
      keepHistory(latest, { field, value, hlc: at.hlc, replacedBy: latest.meta.clocks[field] ?? "" }, at);
    batch.put(latest);
  }
  return null;
}

function companyDomainOf(record: RecordOf<"company">): string | null {
  for (const field of ["domain", "website"] as const) {
    const value = record.data[field];
    if (typeof value === "string" && value) {
      const domain = registrableDomain(value);
      if (domain) return domain;
    }
  }
  return null;
}

/** The earliest created of several matches (id breaks ties): the same pick on every replica. */
function oldest<R extends SyncedRecord>(records: R[]): R {
  return [...records].sort((a, b) => {
    const ca = String(a.data.createdAt);
    const cb = String(b.data.createdAt);
    return ca < cb ? -1 : ca > cb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  })[0]!;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function sameText(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return foldName(a) === foldName(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

function fail(code: ApplyError["code"], message: string): ApplyResult {
  return { ok: false, error: { code, message } };
}
