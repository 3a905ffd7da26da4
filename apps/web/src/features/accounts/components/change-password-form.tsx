"use client";

import { useState } from "react";
import { FormError, FormField, NewPasswordField } from "@/components/form-field";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useApiForm, useTextFields } from "@/hooks/use-api-form";
import { sendJson } from "@/lib/api-client";

export function ChangePasswordForm() {
  const [isChanged, setIsChanged] = useState(false);
  const form = useApiForm({ fields: ["currentPassword", "newPassword"] as const });
  const text = useTextFields(form, { currentPassword: "", newPassword: "" });

  const submit = form.handleSubmit(async () => {
    setIsChanged(false);
    await sendJson("/api/session/password", text.values);
    text.reset();
    setIsChanged(true);
  });

  return (
    <form onSubmit={submit} className="max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormField id="current-password" label="Current password" type="password" autoComplete="current-password" required {...text.bind("currentPassword")} />
      <NewPasswordField id="new-password" label="New password" {...text.bind("newPassword")} />
      <FormError id="change-password-error" error={form.formError} />
      {isChanged && (
        <p role="status" className="text-sm text-emerald-800">
          Password changed. Your other sessions are signed out.
        </p>
      )}
      <button type="submit" disabled={form.isSubmitting} className={PRIMARY_BUTTON}>
        Change password
      </button>
    </form>
  );
}
