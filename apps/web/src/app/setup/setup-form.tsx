"use client";

import { useRouter } from "next/navigation";
import { FormError, FormField, NewPasswordField } from "@/components/form-field";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useApiForm, useTextFields } from "@/hooks/use-api-form";
import { sendJson } from "@/lib/api-client";

export function SetupForm() {
  const router = useRouter();
  const form = useApiForm({ fields: ["name", "email", "password"] as const, staysBusyOnSuccess: true });
  const text = useTextFields(form, { name: "", email: "", password: "" });

  const submit = form.handleSubmit(async () => {
    await sendJson("/api/setup", text.values);
    router.replace("/datasets");
  });

  return (
    <form onSubmit={submit} className="mt-5 space-y-4">
      <FormField id="setup-name" label="Your name" type="text" autoComplete="name" required {...text.bind("name")} />
      <FormField id="setup-email" label="Email" type="email" autoComplete="username" required {...text.bind("email")} />
      <NewPasswordField id="setup-password" label="Password" {...text.bind("password")} />
      <FormError id="setup-error" error={form.formError} />
      <button type="submit" disabled={form.isSubmitting} className={`w-full ${PRIMARY_BUTTON}`}>
        {form.isSubmitting ? "Creating…" : "Create admin account"}
      </button>
    </form>
  );
}
