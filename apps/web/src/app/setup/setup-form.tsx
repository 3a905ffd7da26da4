"use client";

import { useRouter } from "next/navigation";
import { FormError, FormField, NewPasswordField } from "@/components/form-field";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useApiForm, useTextFields } from "@/hooks/use-api-form";
import { sendJson } from "@/lib/api-client";

export function SetupForm({ needsSetupCode }: { needsSetupCode: boolean }) {
  const router = useRouter();
  const form = useApiForm({ fields: ["setupCode", "name", "email", "password"] as const, staysBusyOnSuccess: true });
  const text = useTextFields(form, { setupCode: "", name: "", email: "", password: "" });

  const submit = form.handleSubmit(async () => {
    const { setupCode, ...account } = text.values;
    await sendJson("/api/setup", needsSetupCode ? { ...account, setupCode } : account);
    router.replace("/datasets");
  });

  return (
    <form onSubmit={submit} className="mt-5 space-y-4">
      {needsSetupCode && (
        <FormField
          id="setup-setupCode"
          label="Setup code"
          type="text"
          autoComplete="off"
          required
          hint="Printed in the dashboard's console when it started (also in DATA_DIR/setup-code); not needed on the server itself."
          {...text.bind("setupCode")}
        />
      )}
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
