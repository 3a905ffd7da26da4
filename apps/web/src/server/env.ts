// The web app's settings, validated once (at server start by instrumentation.ts, lazily elsewhere).
import { WebEnv, parseEnv } from "@loraboard/contracts";

let cached: WebEnv | undefined;

export function getWebEnv(): WebEnv {
  cached ??= parseEnv(WebEnv);
  return cached;
}
