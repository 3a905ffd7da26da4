"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { FormError, FormField } from "@/components/form-field";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useApiForm, useTextFields } from "@/hooks/use-api-form";
import { sendJson } from "@/lib/api-client";

/** Only same-site paths: never redirect to another origin from a query parameter. */
export function safeNextPath(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/datasets";
}

export function SignInForm() {
  const router = useRouter();
  const next = useSearchParams().get("next");
  const form = useApiForm({ fields: ["email", "password"] as const, staysBusyOnSuccess: true });
  const text = useTextFields(form, { email: "", password: "" });

  const submit = form.handleSubmit(async () => {
    await sendJson("/api/session", text.values);
    router.replace(safeNextPath(next));
  });

  return (
    <form onSubmit={submit} className="mt-5 space-y-4">
      <FormField id="email" label="Email" type="email" autoComplete="username" required {...text.bind("email")} />
      <FormField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        {...text.bind("password")}
        aria-describedby={form.formError ? "sign-in-error" : undefined}
      />
      <FormError id="sign-in-error" error={form.formError} />
      <button type="submit" disabled={form.isSubmitting} className={`w-full ${PRIMARY_BUTTON}`}>
        {form.isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
