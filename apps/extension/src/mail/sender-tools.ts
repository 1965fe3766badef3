// What the side panel's mail section does with a sender, beyond reading the message: look it up,
// compare its signature with the record, save accepted changes. The domain's matching and writing
// rules behind it weigh ≈250 KB, so the section loads this with the message, not with the panel.
export { mutateAll } from "../local-db/local-mutations.ts";
export { defaultRegion, findKnownSender } from "./known-sender.ts";
export { acceptChange, factsOf } from "./mail-changes.ts";
