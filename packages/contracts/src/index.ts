export * from "./env";
export * from "./api/common";
export * from "./api/health";
export * from "./api/datasets";
