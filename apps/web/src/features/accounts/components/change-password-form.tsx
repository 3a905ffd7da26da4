"use client";

import { useState, type FormEvent } from "react";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import { PRIMARY_BUTTON } from "@/components/styles";
import { TextField } from "@/components/text-field";

export function ChangePasswordForm() {
  const [fields, setFields] = useState({ currentPassword: "", newPassword: "" });
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsPending(true);
    setMessage(null);
    try {
      await apiFetch("/api/session/password", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fields) });
      setFields({ currentPassword: "", newPassword: "" });
      setMessage({ isError: false, text: "Password changed. Your other sessions are signed out." });
    } catch (caught) {
      setMessage({ isError: true, text: caught instanceof ApiClientError ? caught.message : "The password could not be changed." });
    } finally {
      setIsPending(false);
    }
  }

  return (
    <form onSubmit={submit} className="max-w-sm space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <TextField
        id="current-password"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        value={fields.currentPassword}
        onChange={(event) => setFields({ ...fields, currentPassword: event.target.value })}
      />
      <TextField
        id="new-password"
        label="New password"
        hint="At least 10 characters."
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        value={fields.newPassword}
        onChange={(event) => setFields({ ...fields, newPassword: event.target.value })}
      />
      {message && (
        <p role={message.isError ? "alert" : "status"} className={`text-sm ${message.isError ? "text-red-700" : "text-emerald-800"}`}>
          {message.text}
        </p>
      )}
      <button
        type="submit"
        disabled={isPending}
        className={PRIMARY_BUTTON}
      >
        Change password
      </button>
    </form>
  );
}
