export * from "./hlc.ts";
export * from "./mutations.ts";
export * from "./protocol.ts";
export * from "./apply.ts";
export * from "./replica.ts";
export * from "./memory-replica.ts";
