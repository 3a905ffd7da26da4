// Runs once when the server starts: a wrong setting stops it with one line naming the setting.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./server/validate-env-on-start");
  }
}
