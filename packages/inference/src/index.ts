export * from "./client";
export * from "./registry";
export * from "./servers";
