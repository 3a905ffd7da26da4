"use client";

import { useState } from "react";
import type { UserRole, UserSummary } from "@loraboard/contracts";
import { ErrorAlert } from "@/components/error-alert";
import { FormError, FormField, INPUT_CLASS } from "@/components/form-field";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useApiForm, useTextFields } from "@/hooks/use-api-form";
import { useCreateUser, useDeleteUser, useSession, useUpdateUser, useUsers } from "../hooks/use-accounts";

const FIELDS = ["name", "email", "password", "role"] as const;

export function UserManager() {
  const { data: session } = useSession();
  const { data, error, isPending } = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  // Row actions (role, disable, delete) report here; the create form reports through useApiForm.
  const [actionError, setActionError] = useState<string | null>(null);
  const onError = (failure: Error) => setActionError(failure.message);
  const createForm = useApiForm({ fields: FIELDS });
  const text = useTextFields(createForm, { name: "", email: "", password: "", role: "member" });

  const submit = createForm.handleSubmit(async () => {
    setActionError(null);
    await create.mutateAsync({ ...text.values, role: text.values.role as UserRole });
    text.reset();
  });

  if (error) {
    return (
      <ErrorAlert>
        {error.message}
      </ErrorAlert>
    );
  }

  return (
    <div className="space-y-6">
      <form onSubmit={submit} className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-5 sm:items-end">
        <FormField id="user-name" label="Name" type="text" required autoComplete="off" {...text.bind("name")} />
        <FormField id="user-email" label="Email" type="email" required autoComplete="off" {...text.bind("email")} />
        <FormField id="user-password" label="Password" type="password" required autoComplete="new-password" minLength={10} {...text.bind("password")} />
        <FormField id="user-role" label="Role" error={createForm.errorFor("role")}>
          {(aria) => (
            <select {...aria} value={text.values.role} onChange={text.bind("role").onChange} className={INPUT_CLASS}>
              <option value="member">member</option>
              <option value="admin">admin</option>
            </select>
          )}
        </FormField>
        <button type="submit" disabled={createForm.isSubmitting} className={PRIMARY_BUTTON}>
          Add user
        </button>
        <FormError id="user-form-error" error={createForm.formError} className="sm:col-span-5" />
      </form>
      {actionError && (
        <ErrorAlert>
          {actionError}
        </ErrorAlert>
      )}
      {isPending ? (
        <p className="text-sm text-slate-500">Loading users…</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Accounts, oldest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Name</th>
                <th scope="col" className="px-3 py-2">Email</th>
                <th scope="col" className="px-3 py-2">Role</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((user: UserSummary) => (
                <tr key={user.id} className="border-b border-slate-100 last:border-0" data-testid="user-row" data-email={user.email}>
                  <td className="px-3 py-2 font-medium text-slate-900">{user.name}</td>
                  <td className="px-3 py-2">{user.email}</td>
                  <td className="px-3 py-2">
                    <select
                      aria-label={`Role of ${user.email}`}
                      value={user.role}
                      disabled={update.isPending}
                      onChange={(event) => update.mutate({ id: user.id, role: event.target.value as UserRole }, { onError })}
                      className="rounded-md border border-slate-300 px-2 py-1 text-sm"
                    >
                      <option value="member">member</option>
                      <option value="admin">admin</option>
                    </select>
                  </td>
                  <td className="px-3 py-2">{user.banned ? "disabled" : "active"}</td>
                  <td className="space-x-2 px-3 py-2 text-right">
                    {user.id !== session?.user?.id && (
                      <>
                        <button
                          type="button"
                          onClick={() => update.mutate({ id: user.id, banned: !user.banned }, { onError })}
                          className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
                        >
                          {user.banned ? "Enable" : "Disable"}
                        </button>
                        <button
                          type="button"
                          onClick={() => {
                            if (window.confirm(`Delete ${user.email}, their sessions and API tokens?`)) remove.mutate(user.id, { onError });
                          }}
                          className="rounded-md border border-red-200 px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
                        >
                          Delete
                        </button>
                      </>
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
