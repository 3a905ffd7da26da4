"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type ChangeEvent, type DragEvent, type FormEvent } from "react";
import { ErrorAlert } from "@/components/error-alert";
import { FormField } from "@/components/form-field";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useApiForm } from "@/hooks/use-api-form";
import { useUploadDataset } from "../hooks/use-datasets";
import { formatBytes } from "./format";
import { FormatHelp } from "./format-help";
import { IssueList } from "./issue-list";

const ACCEPT = ".json,.jsonl,.ndjson,.csv,application/json,text/csv";
// The settings a refusal can name; the file's own problems (with their rows) are listed apart.
const FIELDS = ["name", "valFraction", "testFraction", "seed"] as const;

export function UploadDatasetForm({ maxUploadBytes }: { maxUploadBytes: number }) {
  const router = useRouter();
  const uploading = useUploadDataset();
  const [file, setFile] = useState<File | null>(null);
  const [testFile, setTestFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [valFraction, setValFraction] = useState("0.1");
  const [testFraction, setTestFraction] = useState("0.1");
  const [seed, setSeed] = useState("42");
  const [localError, setLocalError] = useState<string | null>(null);
  const [isDragging, setIsDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const testInput = useRef<HTMLInputElement>(null);
  const ids = { file: useId(), test: useId(), hint: useId() };
  const form = useApiForm({ fields: FIELDS, staysBusyOnSuccess: true });

  const pick = (picked: File | undefined | null) => {
    form.reset();
    setLocalError(null);
    if (!picked) return;
    if (picked.size > maxUploadBytes) {
      setLocalError(`${picked.name} is ${formatBytes(picked.size)}, over the upload limit of ${formatBytes(maxUploadBytes)}.`);
      return;
    }
    setFile(picked);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setIsDragging(false);
    if (!form.isSubmitting) pick(event.dataTransfer.files[0]);
  };

  const upload = form.handleSubmit(async () => {
    const input = { file: file!, testFile: testFile ?? undefined, name, valFraction, testFraction: testFile ? undefined : testFraction, seed };
    const dataset = await uploading.mutateAsync(input);
    router.push(`/datasets/${dataset.id}`);
  });
  const onSubmit = (event: FormEvent) => {
    if (file) return void upload(event);
    event.preventDefault();
    setLocalError("Choose a dataset file first.");
  };

  const failure = form.failure;
  const issues = failure?.unplaced ?? [];
  const isBusy = form.isSubmitting;

  return (
    <form onSubmit={onSubmit} className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" noValidate>
      <div className="space-y-4">
        <div
          onDragOver={(event) => {
            event.preventDefault();
            setIsDragging(true);
          }}
          onDragLeave={() => setIsDragging(false)}
          onDrop={onDrop}
          data-testid="dropzone"
          className={`flex flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-10 text-center transition-colors ${
            isDragging ? "border-indigo-500 bg-indigo-50" : "border-slate-300 bg-white"
          }`}
        >
          <svg aria-hidden viewBox="0 0 24 24" className="h-10 w-10 text-slate-400" fill="none" stroke="currentColor" strokeWidth="1.5">
            <path d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {file ? (
            <p className="mt-3 text-sm text-slate-800" data-testid="chosen-file">
              <span className="font-semibold">{file.name}</span> <span className="text-slate-500">· {formatBytes(file.size)}</span>
            </p>
          ) : (
            <p className="mt-3 text-sm font-medium text-slate-800">Drop a dataset file here</p>
          )}
          <p id={ids.hint} className="mt-1 text-xs text-slate-500">
            JSON array, JSONL, or CSV with a <code>sentence,label</code> header; UTF-8; labels are integers or text (2 to 100 classes); up to {formatBytes(maxUploadBytes)}.
          </p>
          <label htmlFor={ids.file} className="sr-only">
            Dataset file
          </label>
          <input
            ref={fileInput}
            id={ids.file}
            type="file"
            accept={ACCEPT}
            aria-describedby={ids.hint}
            tabIndex={-1}
            className="sr-only"
            disabled={isBusy}
            onChange={(event) => {
              pick(event.target.files?.[0]);
              event.target.value = "";
            }}
          />
          <button
            type="button"
            onClick={() => fileInput.current?.click()}
            disabled={isBusy}
            className="mt-4 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
          >
            {file ? "Choose another file" : "Choose a file"}
          </button>
        </div>

        {isBusy && (
          <div aria-live="polite">
            <div className="flex justify-between text-xs text-slate-600">
              <span>{uploading.progress !== null && uploading.progress < 1 ? "Uploading…" : "Validating, splitting and storing…"}</span>
              {uploading.progress !== null && <span className="tabular-nums">{Math.round(uploading.progress * 100)}%</span>}
            </div>
            <div
              role="progressbar"
              aria-label="Upload progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round((uploading.progress ?? 0) * 100)}
              className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200"
            >
              <div
                className={`h-full bg-indigo-600 transition-[width] ${uploading.progress === 1 ? "animate-pulse" : ""}`}
                style={{ width: `${Math.round((uploading.progress ?? 0) * 100)}%` }}
              />
            </div>
          </div>
        )}

        {!failure && !isBusy && <FormatHelp />}

        {localError && (
          <ErrorAlert>
            {localError}
          </ErrorAlert>
        )}
        {failure && (
          <IssueList
            title={
              failure.status === 413
                ? "The file is too large"
                : issues.length > 0
                  ? `The file was not stored: ${issues.length === 1 ? "1 problem" : `${issues.length} problems`} listed`
                  : "The file was not stored"
            }
            message={failure.message}
            issues={issues}
          />
        )}
      </div>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" disabled={isBusy}>
        <legend className="sr-only">Dataset settings</legend>
        <FormField
          id="dataset-name"
          label={<>Name <span className="font-normal text-slate-500">(optional)</span></>}
          error={form.errorFor("name")}
          value={name}
          maxLength={200}
          onChange={(event) => {
            setName(event.target.value);
            form.change("name");
          }}
          placeholder={file ? file.name.replace(/\.[^.]*$/, "") : "The file's name"}
        />
        <div>
          <label htmlFor={ids.test} className="text-sm font-medium text-slate-800">
            Separate test file <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <input
            ref={testInput}
            id={ids.test}
            type="file"
            accept={ACCEPT}
            onChange={(event) => setTestFile(event.target.files?.[0] ?? null)}
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
          {testFile ? (
            <button
              type="button"
              onClick={() => {
                setTestFile(null);
                if (testInput.current) testInput.current.value = "";
              }}
              className="mt-1 text-xs font-medium text-indigo-700 hover:underline"
            >
              Remove the test file
            </button>
          ) : (
            <p className="mt-1 text-xs text-slate-500">If given, it is the whole test split; the main file gives train and validation.</p>
          )}
        </div>
        <div className="grid grid-cols-3 gap-3">
          <FormField
            id="val-fraction"
            label={<>Validation<span className="sr-only"> fraction</span></>}
            error={form.errorFor("valFraction")}
            {...numberInput(valFraction, 0.01, 0.9, (value) => {
              setValFraction(value);
              form.change("valFraction");
            })}
          />
          <FormField
            id="test-fraction"
            label={<>Test<span className="sr-only"> fraction</span></>}
            error={form.errorFor("testFraction")}
            {...numberInput(testFile ? "" : testFraction, 0.01, 0.9, (value) => {
              setTestFraction(value);
              form.change("testFraction");
            })}
            placeholder={testFile ? "test file" : undefined}
            disabled={testFile !== null}
          />
          <FormField
            id="split-seed"
            label="Seed"
            error={form.errorFor("seed")}
            {...numberInput(seed, 1, undefined, (value) => {
              setSeed(value);
              form.change("seed");
            })}
          />
        </div>
        <p className="text-xs text-slate-500">
          Fractions of the rows held out for validation and test, stratified by label. The same file, fractions and seed always give the same splits.
        </p>
        <div className="flex items-center justify-end gap-3 border-t border-slate-100 pt-4">
          <Link href="/datasets" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Cancel
          </Link>
          <button
            type="submit"
            disabled={isBusy}
            className={PRIMARY_BUTTON}
          >
            {isBusy ? "Uploading…" : "Upload and validate"}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** The props of a number box from 0 (up to max) that reports its text. */
function numberInput(value: string, step: number, max: number | undefined, onChange: (value: string) => void) {
  return { type: "number", min: 0, max, step, value, onChange: (event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value) };
}
