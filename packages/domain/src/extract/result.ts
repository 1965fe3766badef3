import { z } from "zod";
import { PostalAddressSchema } from "../postal-address.ts";

/** A person in the capture contract: one entry per real person, evidence merged. */
export const CapturedPersonSchema = z.object({
  name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  title: z.string().nullable(),
  companyName: z.string().nullable(),
  urls: z.array(z.string()),
  /**
   * The website of the company the person works for, as the page tells it (the page's own site on
   * a company's team page; never an event's site for its speakers, never a social network).
   */
  website: z.string().nullable(),
  /** The person's postal address in its parts (left out when none was found). */
  postalAddress: PostalAddressSchema.optional(),
  confidence: z.number().min(0).max(1),
  sources: z.array(z.string()),
});
/** A person in the capture contract. */
export type CapturedPerson = z.infer<typeof CapturedPersonSchema>;

/** A company in the capture contract: the organisation behind the page, an employer, a sender's domain. */
export const CapturedCompanySchema = z.object({
  name: z.string().nullable(),
  domain: z.string().nullable(),
  website: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  address: z.string().nullable(),
  /** The same address in its parts: street, locality, region, postalCode, country (left out when none was read). */
  postalAddress: PostalAddressSchema.optional(),
  urls: z.array(z.string()),
  /** The page's event (a conference, a meetup) or its organiser's site: nobody works there by being on the page. */
  event: z.boolean(),
  sources: z.array(z.string()),
});
/** A company in the capture contract. */
export type CapturedCompany = z.infer<typeof CapturedCompanySchema>;

/** The header facts of a captured email message. */
export const CapturedEmailSchema = z.object({
  from: z.object({ name: z.string().nullable(), address: z.string() }),
  subject: z.string().nullable(),
  date: z.string().nullable(),
});
/** The header facts of a captured email message. */
export type CapturedEmail = z.infer<typeof CapturedEmailSchema>;

/**
 * What `leadpane extract` prints and the extension receives: people, companies, and the email
 * header when capturing a message.
 */
export const CaptureResultSchema = z.object({
  people: z.array(CapturedPersonSchema),
  companies: z.array(CapturedCompanySchema),
  email: CapturedEmailSchema.nullable(),
});
/** What `leadpane extract` prints and the extension receives. */
export type CaptureResult = z.infer<typeof CaptureResultSchema>;
