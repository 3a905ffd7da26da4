"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiClientError, apiFetch } from "@/lib/api-client";

export function SignInForm() {
  const router = useRouter();
  const next = useSearchParams().get("next");
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsPending(true);
    setError(null);
    try {
      await apiFetch("/api/session", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token }),
      });
      // Only same-site paths: never redirect to another origin from a query parameter.
      router.replace(next && next.startsWith("/") && !next.startsWith("//") ? next : "/datasets");
    } catch (caught) {
      setError(caught instanceof ApiClientError ? caught.message : "Sign-in failed.");
      setIsPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="mt-5 space-y-4">
      <div>
        <label htmlFor="token" className="block text-sm font-medium text-slate-800">
          API token
        </label>
        <input
          id="token"
          type="password"
          autoComplete="current-password"
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          aria-describedby={error ? "token-error" : undefined}
        />
        {error && (
          <p id="token-error" role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={isPending}
        className="w-full rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
