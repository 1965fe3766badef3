#!/usr/bin/env node
// No build step: tsx compiles the TypeScript sources on the fly, so a fresh `npm install` is enough.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
