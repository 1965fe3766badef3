// Stand-in for the vCard parser (the integrations branch brings the real one, with folding,
// quoted-printable and charsets): simple unfolded vCard 3.0 cards only, same signature.

/** One person as a vCard describes them. */
export interface VcardPerson {
  name: string;
  emails: string[];
  phones: string[];
  title?: string;
  companyName?: string;
  website?: string;
  notes?: string;
}

/** The people in a vCard file, and the cards that could not be read (1-based card numbers). */
export function parseVcards(text: string): { cards: VcardPerson[]; errors: Array<{ card: number; message: string }> } {
  const cards: VcardPerson[] = [];
  const errors: Array<{ card: number; message: string }> = [];
  let current: VcardPerson | null = null;
  let number = 0;
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const property = line.slice(0, colon).split(";")[0]!.toUpperCase();
    const value = line
      .slice(colon + 1)
      .replace(/\\n/gi, "\n")
      .replace(/\\([,;\\])/g, "$1")
      .trim();
    if (property === "BEGIN" && value.toUpperCase() === "VCARD") {
      number += 1;
      current = { name: "", emails: [], phones: [] };
    } else if (property === "END" && current) {
      if (current.name) cards.push(current);
      else errors.push({ card: number, message: "the card has no name (FN)" });
      current = null;
    } else if (current) {
      if (property === "FN") current.name = value;
      else if (property === "EMAIL" && value) current.emails.push(value);
      else if (property === "TEL" && value) current.phones.push(value);
      else if (property === "TITLE" && value) current.title = value;
      else if (property === "ORG" && value) current.companyName = value.split(";")[0]!.trim();
      else if (property === "URL" && value) current.website = value;
      else if (property === "NOTE" && value) current.notes = value;
    }
  }
  return { cards, errors };
}
