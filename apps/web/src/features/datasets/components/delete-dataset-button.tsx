"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useDeleteDataset } from "../hooks/use-datasets";

/** Two steps, so a stray click or Enter never deletes; a 409 (a job uses it) is shown as is. */
export function DeleteDatasetButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const remove = useDeleteDataset();
  const [isConfirming, setIsConfirming] = useState(false);

  if (!isConfirming) {
    return (
      <div className="flex flex-col items-end gap-2">
        <button
          type="button"
          onClick={() => {
            remove.reset();
            setIsConfirming(true);
          }}
          className="rounded-md border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50"
        >
          Delete dataset
        </button>
        {remove.error && (
          <p role="alert" className="max-w-md rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {remove.error.message}
          </p>
        )}
      </div>
    );
  }
  return (
    <div role="group" aria-label="Confirm deletion" className="flex items-center gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-1.5">
      <span className="text-sm text-red-900">
        Delete <strong>{name}</strong> and its rows?
      </span>
      <button
        type="button"
        autoFocus
        onClick={() => setIsConfirming(false)}
        className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-white"
      >
        Keep it
      </button>
      <button
        type="button"
        disabled={remove.isPending}
        onClick={() =>
          remove.mutate(id, {
            onSuccess: () => router.push("/datasets"),
            onError: () => setIsConfirming(false),
          })
        }
        className="rounded-md bg-red-600 px-2.5 py-1 text-sm font-semibold text-white hover:bg-red-500 disabled:opacity-60"
      >
        {remove.isPending ? "Deleting…" : "Delete"}
      </button>
    </div>
  );
}
