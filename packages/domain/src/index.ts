export * from "./datasets";
