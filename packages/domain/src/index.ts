export * from "./datasets";
export * from "./evaluation";
export * from "./prompt";
export * from "./label-set";
export * from "./labels";
export * from "./storable-text";
export * from "./training-work";
export * from "./sweeps";
