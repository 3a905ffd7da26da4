export * from "./datasets";
export * from "./evaluation";
