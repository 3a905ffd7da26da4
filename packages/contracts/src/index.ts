export * from "./env";
export * from "./api/common";
export * from "./api/health";
export * from "./api/jobs";
export * from "./api/base-models";
export * from "./trainer";
export * from "./api/datasets";
