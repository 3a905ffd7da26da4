"use client";

import { useState, type FormEvent } from "react";
import { ApiClientError, apiFetch } from "@/lib/api-client";
import { PRIMARY_BUTTON, TEXT_INPUT } from "@/components/styles";

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
      <div>
        <label htmlFor="current-password" className="block text-sm font-medium text-slate-800">
          Current password
        </label>
        <input
          id="current-password"
          type="password"
          autoComplete="current-password"
          required
          value={fields.currentPassword}
          onChange={(event) => setFields({ ...fields, currentPassword: event.target.value })}
          className={TEXT_INPUT}
        />
      </div>
      <div>
        <label htmlFor="new-password" className="block text-sm font-medium text-slate-800">
          New password
        </label>
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={fields.newPassword}
          onChange={(event) => setFields({ ...fields, newPassword: event.target.value })}
          className={TEXT_INPUT}
        />
        <p className="mt-1 text-xs text-slate-500">At least 10 characters.</p>
      </div>
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
