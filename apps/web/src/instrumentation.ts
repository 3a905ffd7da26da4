// Runs once when the server starts: a wrong setting stops it with one line naming the setting;
// on a fresh install, the setup code for the first-admin page is printed in the console.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    await import("./server/validate-env-on-start");
    const [{ announceSetupCode }, { countUsers }] = await Promise.all([
      import("./features/accounts/server/setup-code"),
      import("./features/accounts/server/users"),
    ]);
    // Not awaited: a database that is still starting must not hold the server up.
    void announceSetupCode(countUsers);
  }
}
