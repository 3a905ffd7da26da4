import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { countUsers } from "@/features/accounts/server/users";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage() {
  // The first visit to a fresh install: there is no one to sign in as yet.
  if ((await countUsers()) === 0) redirect("/setup");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to loraboard</h1>
        <p className="mt-1 text-sm text-slate-600">With the email and password an admin gave you.</p>
        <Suspense>
          <SignInForm />
        </Suspense>
      </div>
    </main>
  );
}
