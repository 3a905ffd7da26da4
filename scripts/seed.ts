// Registers the base models the embedded default serves (the demo model and SmolLM2). Safe to run repeatedly.
import { getDb, registerBaseModels } from "@loraboard/db/server";

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error("Setting DATA_DIR is missing: expected an absolute path");
await registerBaseModels(getDb(), dataDir);
await getDb().$disconnect();
