import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { countUsers } from "@/features/accounts/server/users";
import { isLocalClient } from "@/server/auth/client-address";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

/** The one-time setup: only while no account exists (POST /api/setup enforces it too); from
 * anywhere but the server's own machine it asks for the setup code printed in the console. */
export default async function SetupPage() {
  if ((await countUsers()) > 0) redirect("/sign-in");
  const needsSetupCode = !isLocalClient(await headers());
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Welcome to loraboard</h1>
        <p className="mt-1 text-sm text-slate-600">
          Create the first account. It is an admin: it adds the rest of the team under Users.
        </p>
        <SetupForm needsSetupCode={needsSetupCode} />
      </div>
    </main>
  );
}
