"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import { PRIMARY_BUTTON } from "@/components/styles";
import { TextField } from "@/components/text-field";

export function SetupForm({ needsSetupCode }: { needsSetupCode: boolean }) {
  const router = useRouter();
  const [fields, setFields] = useState({ name: "", email: "", password: "", setupCode: "" });
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsPending(true);
    setError(null);
    try {
      const { setupCode, ...account } = fields;
      const body = needsSetupCode ? { ...account, setupCode } : account;
      await apiFetch("/api/setup", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      router.replace("/datasets");
    } catch (caught) {
      if (caught instanceof ApiClientError) {
        setError(caught.issues.length > 0 ? caught.issues.map((issue) => `${issue.field ?? ""} ${issue.message}`.trim()).join("; ") : caught.message);
      } else setError("Setup failed.");
      setIsPending(false);
    }
  }

  const input = (name: keyof typeof fields, label: string, type: string, autoComplete: string, hint?: string) => (
    <TextField
      id={`setup-${name}`}
      label={label}
      hint={hint}
      type={type}
      autoComplete={autoComplete}
      required
      minLength={name === "password" ? 10 : undefined}
      value={fields[name]}
      onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
    />
  );

  return (
    <form onSubmit={submit} className="mt-5 space-y-4">
      {needsSetupCode &&
        input("setupCode", "Setup code", "text", "off", "Printed in the dashboard's console when it started (also in DATA_DIR/setup-code); not needed on the server itself.")}
      {input("name", "Your name", "text", "name")}
      {input("email", "Email", "email", "username")}
      {input("password", "Password", "password", "new-password", "At least 10 characters.")}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={isPending}
        className={`w-full ${PRIMARY_BUTTON}`}
      >
        {isPending ? "Creating…" : "Create admin account"}
      </button>
    </form>
  );
}
