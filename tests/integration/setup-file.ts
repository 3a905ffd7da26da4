// Before each integration test file: every table emptied and the demo base model registered again.
import { afterAll, beforeEach } from "vitest";
import { resetDatabase } from "../helpers/db";
import { getDb } from "@loraboard/db/server";

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await getDb().$disconnect();
});
