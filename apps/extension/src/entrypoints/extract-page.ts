import { extractPage } from "@leadpane/domain/extract";

// Injected on demand into the page the user captures from; returns the contract's result.
export default defineUnlistedScript(() => extractPage(document, location.href));
