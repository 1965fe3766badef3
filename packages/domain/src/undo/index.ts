export * from "./trace.ts";
export * from "./plan-undo.ts";
export * from "./describe.ts";
