// Before each integration test file: every table emptied and the demo base model registered again.
// Route handlers see requests as apps/web/server.mjs hands them over, with the connection's
// address in a header of its own (tests/helpers/api.ts sets it).
import { afterAll, beforeEach } from "vitest";
import { resetDatabase } from "../helpers/db";
import { getDb } from "@loraboard/db/server";
import { STAMPS_PEER_ADDRESS_ENV } from "@/server/auth/client-address";

process.env[STAMPS_PEER_ADDRESS_ENV] = "1";

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await getDb().$disconnect();
});
