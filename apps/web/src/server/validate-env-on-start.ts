import { EnvError, WebEnv, parseEnv } from "@loraboard/contracts";

try {
  parseEnv(WebEnv);
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
