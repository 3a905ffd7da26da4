// Webhooks, server-only: announcing status changes (announce.ts) and the URL guard (url-guard.ts).
export * from "./announce";
export * from "./url-guard";
