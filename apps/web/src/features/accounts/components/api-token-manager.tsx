"use client";

import { useState } from "react";
import type { CreatedApiToken } from "@loraboard/contracts";
import { ErrorAlert } from "@/components/error-alert";
import { FormError, FormField } from "@/components/form-field";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useApiForm, useTextFields } from "@/hooks/use-api-form";
import { useApiTokens, useCreateApiToken, useRevokeApiToken } from "../hooks/use-accounts";

const formatTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : "never");

export function ApiTokenManager() {
  const { data, error, isPending } = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  // A failed revoke reports here; the create form reports through useApiForm.
  const [actionError, setActionError] = useState<string | null>(null);
  const createForm = useApiForm({ fields: ["name"] as const });
  const text = useTextFields(createForm, { name: "" });

  const submit = createForm.handleSubmit(async () => {
    setActionError(null);
    setCreated(await create.mutateAsync(text.values.name));
    text.reset();
  });

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <FormField
          id="token-name"
          label="New token name"
          className="min-w-64 flex-1"
          required
          maxLength={100}
          placeholder="nightly evaluation script"
          {...text.bind("name")}
        />
        <button type="submit" disabled={createForm.isSubmitting} className={PRIMARY_BUTTON}>
          Create token
        </button>
        <FormError id="token-form-error" error={createForm.formError} className="w-full" />
      </form>

      {created && (
        <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900" data-testid="created-token">
          <p className="font-medium">Copy “{created.name}” now: it is not shown again.</p>
          <code className="mt-2 block break-all rounded bg-white px-3 py-2 font-mono text-slate-900" data-testid="created-token-value">
            {created.token}
          </code>
          <p className="mt-2 text-emerald-800">
            Use it as <code>Authorization: Bearer &lt;token&gt;</code>.
          </p>
        </div>
      )}
      {(actionError || error) && (
        <ErrorAlert>
          {actionError ?? error?.message}
        </ErrorAlert>
      )}

      {isPending ? (
        <p className="text-sm text-slate-500">Loading tokens…</p>
      ) : data && data.items.length === 0 ? (
        <p className="text-sm text-slate-600">No tokens yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your API tokens, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Name</th>
                <th scope="col" className="px-3 py-2">Starts with</th>
                <th scope="col" className="px-3 py-2">Created</th>
                <th scope="col" className="px-3 py-2">Last used</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((token) => (
                <tr key={token.id} className="border-b border-slate-100 last:border-0" data-testid="token-row" data-token-name={token.name}>
                  <td className="px-3 py-2 font-medium text-slate-900">{token.name}</td>
                  <td className="px-3 py-2 font-mono text-xs">{token.prefix}…</td>
                  <td className="px-3 py-2">{formatTime(token.createdAt)}</td>
                  <td className="px-3 py-2" data-testid="token-last-used">{formatTime(token.lastUsedAt)}</td>
                  <td className="px-3 py-2 text-right">
                    {token.revokedAt ? (
                      <span className="text-xs text-slate-500" data-testid="token-revoked">
                        revoked {formatTime(token.revokedAt)}
                      </span>
                    ) : (
                      <button
                        type="button"
                        onClick={() => revoke.mutate(token.id, { onError: (failure) => setActionError(failure.message) })}
                        disabled={revoke.isPending}
                        className="rounded-md border border-red-200 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
                        aria-label={`Revoke ${token.name}`}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
