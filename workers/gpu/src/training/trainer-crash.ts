// What to tell the user when the trainer ended without a `failed` event.
import { constants as osConstants } from "node:os";

export function describeCrash(code: number, signal: string | null, lastStderr: string[]) {
  const lastLine = [...lastStderr].reverse().find((line) => line.trim()) ?? "no output";
  // A container reports only its exit code; 128 + N means it died of signal N.
  const signalName = signal ?? (code > 128 ? signalNameOf(code - 128) : null);
  if (signalName === "SIGKILL") {
    return {
      code: "trainer_killed",
      message:
        "The trainer was killed (SIGKILL), most often by the out-of-memory killer: lower the batch size or max length. " +
        `Last output: ${lastLine}`,
    };
  }
  if (signalName) {
    return {
      code: "trainer_crashed",
      message: `The trainer died of signal ${signalName} (exit code ${code}) without reporting why. Last output: ${lastLine}`,
    };
  }
  return { code: "trainer_crashed", message: `The trainer exited with code ${code} without reporting why. Last output: ${lastLine}` };
}

function signalNameOf(signalNumber: number): string | null {
  return Object.entries(osConstants.signals).find(([, number]) => number === signalNumber)?.[0] ?? null;
}
