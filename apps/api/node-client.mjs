// The typed client for plain Node programs (`import { createApiClient } from "@leadpane/api/node-client"`):
// no build step, as with the CLI; tsx compiles the client's TypeScript for this one import, without
// registering itself for the rest of the program.
import { tsImport } from "tsx/esm/api";

const client = await tsImport("./src/client.ts", import.meta.url);

/** @type {typeof import("./src/client.ts").createApiClient} */
export const createApiClient = client.createApiClient;
