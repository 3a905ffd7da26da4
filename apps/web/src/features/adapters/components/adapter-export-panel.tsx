"use client";
// "Take the adapter away": the peft folder as a zip, the merged model (made on request by a
// worker), and the vLLM command that serves each from its unzipped folder.
import { useState } from "react";
import { ErrorAlert, loadingState } from "@/components/error-alert";
import { useAdapterExport, useStartMerge } from "../hooks/use-adapter-export";

const linkButton = "inline-block rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50";

function formatBytes(bytes: number) {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.ceil(bytes / 1e3)} kB`;
}

function CommandBlock({ label, command, testId }: { label: string; command: string; testId: string }) {
  const [isCopied, setIsCopied] = useState(false);
  return (
    <div className="mt-2">
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs text-slate-600">{label}</span>
        <button
          type="button"
          aria-label={`Copy: ${label}`}
          onClick={() => {
            void navigator.clipboard?.writeText(command).then(() => {
              setIsCopied(true);
              setTimeout(() => setIsCopied(false), 1500);
            });
          }}
          className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50"
        >
          {isCopied ? "Copied" : "Copy"}
        </button>
      </div>
      <pre data-testid={testId} className="mt-1 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 font-mono text-[11px] text-slate-100">
        {command}
      </pre>
    </div>
  );
}

export function AdapterExportPanel({ adapterId }: { adapterId: string }) {
  const { data, error, isPending } = useAdapterExport(adapterId);
  const merge = useStartMerge(adapterId);
  const notLoaded = loadingState({ error, isPending }, "downloads");
  if (notLoaded || !data) return notLoaded;
  const { adapter, merged } = data;
  const isMerging = merged.status === "queued" || merged.status === "merging";

  return (
    <div className="grid gap-4 text-left md:grid-cols-2" data-testid="adapter-export">
      <section>
        <h3 className="text-sm font-semibold text-slate-900">Adapter (LoRA, served with its base)</h3>
        <a href={adapter.downloadUrl} download className={`${linkButton} mt-2`}>
          Download adapter (.zip)
        </a>
        <CommandBlock label="Serve it with vLLM (unzip beside the command)" command={adapter.vllmCommand} testId="vllm-adapter-command" />
      </section>
      <section>
        <h3 className="text-sm font-semibold text-slate-900">Merged model (bf16, served without LoRA)</h3>
        {merged.status === "ready" && merged.downloadUrl && merged.vllmCommand ? (
          <>
            <a href={merged.downloadUrl} download className={`${linkButton} mt-2`}>
              Download merged model (.zip{merged.bytes !== null ? `, ${formatBytes(merged.bytes)}` : ""})
            </a>
            <CommandBlock label="Serve it with vLLM (unzip beside the command)" command={merged.vllmCommand} testId="vllm-merged-command" />
          </>
        ) : (
          <div className="mt-2 space-y-2">
            {merged.status === "failed" && <ErrorAlert>The merge failed: {merged.error}</ErrorAlert>}
            {merge.error && <ErrorAlert>{merge.error.message}</ErrorAlert>}
            <button
              type="button"
              disabled={isMerging || merge.isPending}
              onClick={() => merge.mutate()}
              className={`${linkButton} disabled:cursor-not-allowed disabled:opacity-50`}
            >
              {isMerging ? (merged.status === "queued" ? "Merge queued…" : "Merging…") : merged.status === "failed" ? "Merge again" : "Merge into the base"}
            </button>
            <p className="text-xs text-slate-500">A worker folds the adapter into its base; the download appears here when it is done.</p>
          </div>
        )}
      </section>
    </div>
  );
}
