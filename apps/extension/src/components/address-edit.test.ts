import { applyMutation, fieldsOf, formatHlc, type ApplyContext, type SyncedRecord } from "@leadpane/domain/sync";
import { describe, expect, it } from "vitest";
import { addressEdit, addressForEditing, type AddressEdit, type TypedAddress } from "./address-edit.ts";

const ID = "01890a5d-ac96-774b-bcce-b302099a8057";
let tick = 0;
const ctx = (): ApplyContext => {
  tick += 1;
  return {
    now: new Date(1_700_000_000_000 + tick).toISOString(),
    hlc: formatHlc({ wall: 1_700_000_000_000 + tick, counter: 0, node: "a" }),
    actorId: null,
    defaultRegion: "US",
  };
};

async function created(type: SyncedRecord["type"], fields: Record<string, unknown>): Promise<SyncedRecord> {
  const result = await applyMutation({ get: async () => undefined }, "create", { type, id: ID, fields }, ctx());
  if (!result.ok) throw new Error(result.error.message);
  return result.changed[0] as SyncedRecord;
}

/** Applies the edit's changes through the domain's own mutations, as the local store does. */
async function applied(record: SyncedRecord, edit: AddressEdit): Promise<SyncedRecord> {
  if (!edit.ok) throw new Error(JSON.stringify(edit.errors));
  let current = record;
  for (const change of edit.changes) {
    const result = await applyMutation({ get: async () => current as never }, change.name, change.args, ctx());
    if (!result.ok) throw new Error(result.error.message);
    current = (result.changed.find((r) => r.id === record.id) as SyncedRecord | undefined) ?? current;
  }
  return current;
}

const typed = (parts: Partial<TypedAddress>): TypedAddress => ({
  street: "",
  locality: "",
  postalCode: "",
  region: "",
  country: "",
  ...parts,
});

describe("addressEdit", () => {
  it("saves the typed parts on a lead, the country typed by name as its code", async () => {
    const lead = await created("lead", { name: "Ida Brandt" });
    const after = await applied(
      lead,
      addressEdit(
        lead,
        typed({ street: " Am Markt 3 ", locality: "Leipzig", postalCode: "04109", country: "Germany" }),
      ),
    );
    expect(fieldsOf(after).postalAddress).toEqual({
      street: "Am Markt 3",
      locality: "Leipzig",
      postalCode: "04109",
      country: "DE",
    });
  });

  it("refuses a country it does not know, in plain words beside that part, and changes nothing", async () => {
    const lead = await created("lead", { name: "Ida Brandt" });
    const edit = addressEdit(lead, typed({ locality: "Leipzig", country: "Germani" }));
    expect(edit).toEqual({
      ok: false,
      errors: {
        country: "'Germani' is not a country we know: type its name, such as Germany, or its code, such as DE",
      },
    });
  });

  it("refuses a part that is too long", async () => {
    const lead = await created("lead", { name: "Ida Brandt" });
    const edit = addressEdit(lead, typed({ postalCode: "1".repeat(30) }));
    expect(edit.ok ? null : edit.errors.postalCode).toBe("Postcode is too long: at most 20 characters");
  });

  it("clears the address when every part is emptied, and changes nothing when nothing changed", async () => {
    const lead = await created("lead", { name: "Ida Brandt", postalAddress: { locality: "Leipzig" } });
    expect(addressEdit(lead, typed({ locality: "Leipzig" }))).toEqual({ ok: true, changes: [] });
    const after = await applied(lead, addressEdit(lead, typed({})));
    expect(fieldsOf(after).postalAddress).toBeNull();
  });

  it("keeps a company's one-line address in step, for clients that show only that line", async () => {
    const company = await created("company", { name: "Kestrel Werke" });
    const after = await applied(
      company,
      addressEdit(company, typed({ street: "Lindenallee 7", postalCode: "04109", locality: "Leipzig", country: "DE" })),
    );
    expect(fieldsOf(after).address).toBe("Lindenallee 7, 04109 Leipzig, Germany");
  });
});

describe("addressForEditing", () => {
  it("reads a company's old one-line address into its parts, or keeps it whole as the street", async () => {
    const company = await created("company", { name: "Kestrel Werke", address: "Lindenallee 7, 04109 Leipzig" });
    expect(addressForEditing(company, "DE")).toEqual({
      street: "Lindenallee 7",
      locality: "Leipzig",
      postalCode: "04109",
      region: "",
      country: "DE",
    });
    const odd = await created("company", { name: "Odd Co", address: "Behind the old mill" });
    expect(addressForEditing(odd, "DE").street).toBe("Behind the old mill");
  });
});
