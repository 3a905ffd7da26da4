"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import { PRIMARY_BUTTON } from "@/components/styles";
import { TextField } from "@/components/text-field";

/** Only same-site paths: never redirect to another origin from a query parameter. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/datasets";
}

export function SignInForm() {
  const router = useRouter();
  const next = useSearchParams().get("next");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
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
        body: JSON.stringify({ email, password }),
      });
      router.replace(safeNextPath(next));
    } catch (caught) {
      setError(caught instanceof ApiClientError ? caught.message : "Sign-in failed.");
      setIsPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="mt-5 space-y-4">
      <TextField
        id="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        aria-describedby={error ? "sign-in-error" : undefined}
      />
      {error && (
        <p id="sign-in-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={isPending}
        className={`w-full ${PRIMARY_BUTTON}`}
      >
        {isPending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
