import { createApiClient } from "@leadpane/api/node-client";

const api = createApiClient(process.env.LEADPANE_URL, { token: process.env.LEADPANE_API_KEY });

// The ten newest leads.
const listed = await api.v1.leads.$get({ query: { limit: "10" } });
if (!listed.ok) throw new Error(`Listing leads failed: ${listed.status} ${await listed.text()}`);
const { items } = await listed.json();
for (const lead of items) console.log(`${lead.name} <${lead.emails.join(", ")}>`);

// A new lead (needs a key with the write scope).
const created = await api.v1.leads.$post({
  json: { name: "Ada Lovelace", emails: ["ada@analytical.example"], companyName: "Analytical Engines Ltd" },
});
if (created.status !== 201) throw new Error(`Creating the lead failed: ${created.status} ${await created.text()}`);
const lead = await created.json();
console.log(`Created ${lead.name} (${lead.id})`);
