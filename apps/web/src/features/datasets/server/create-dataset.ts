// POST /api/datasets: validate everything first, then store the dataset, its rows and the original
// file together; if any step fails nothing is left behind (no row, no file).
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { CreateDatasetFields, sanitizeName, type CreateDatasetResponse } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { DatasetRejection, prepareDataset, type PreparedDataset } from "@loraboard/domain";
import { ApiError } from "@/server/api-error";
import { getWebEnv } from "@/server/env";
import { rejectUnstorableText } from "@/server/storable-text";
import { datasetDirectory, newDatasetId, originalFileName } from "./dataset-files";
import { readUploadForm, tooLarge } from "./read-upload";
import { insertDatasetRows } from "./store-rows";
import { toDatasetSummary } from "./to-summary";
import { CREATOR_SELECT } from "@/server/audit/audit-log";

export interface DatasetUpload {
  file: File;
  testFile?: File;
  fields: CreateDatasetFields;
}

/** Reads and checks the multipart request: fields by zod (422), files present, sizes within the limit (413). */
export async function readDatasetUpload(request: Request, maxBytes = getWebEnv().MAX_UPLOAD_BYTES): Promise<DatasetUpload> {
  const form = await readUploadForm(request, maxBytes);
  const file = form.get("file");
  if (!(file instanceof File)) {
    throw new ApiError(422, "invalid_request", "Attach the dataset file in a `file` field.", [
      { field: "file", message: "a file is required" },
    ]);
  }
  const testEntry = form.get("testFile");
  // Browsers send an empty, nameless part for a file input left empty.
  const testFile = testEntry instanceof File && (testEntry.size > 0 || testEntry.name !== "") ? testEntry : undefined;
  if (file.size + (testFile?.size ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  };
  const fields = CreateDatasetFields.parse({
    name: text("name"),
    valFraction: text("valFraction"),
    testFraction: text("testFraction"),
    seed: text("seed"),
  });
  // File names are only shown, never used in a path; text that cannot even be stored is refused.
  rejectUnstorableText({ ...fields, file: { name: file.name }, ...(testFile ? { testFile: { name: testFile.name } } : {}) });
  return { file, testFile, fields };
}

export function rejectionToApiError(rejection: DatasetRejection): ApiError {
  const issues = rejection.issues.map(({ row, field, message }) => ({
    ...(row !== undefined ? { row } : {}),
    ...(field !== undefined ? { field } : {}),
    message,
  }));
  return new ApiError(rejection.kind === "malformed" ? 400 : 422, rejection.code, rejection.message, issues);
}

/** `createdById`: the uploader's account (null for the API_TOKEN). */
export async function createDataset(upload: DatasetUpload, createdById: string | null = null, dataDir = getWebEnv().DATA_DIR): Promise<CreateDatasetResponse> {
  const bytes = new Uint8Array(await upload.file.arrayBuffer());
  const testBytes = upload.testFile ? new Uint8Array(await upload.testFile.arrayBuffer()) : undefined;
  let prepared: PreparedDataset;
  try {
    prepared = prepareDataset(
      { bytes, filename: upload.file.name },
      upload.testFile && testBytes ? { bytes: testBytes, filename: upload.testFile.name } : undefined,
      upload.fields,
    );
  } catch (error) {
    if (error instanceof DatasetRejection) throw rejectionToApiError(error);
    throw error;
  }

  const id = newDatasetId();
  const directory = datasetDirectory(id);
  const originalPath = path.posix.join(directory, originalFileName("original", prepared.format));
  const absoluteDirectory = path.join(dataDir, directory);
  try {
    await mkdir(absoluteDirectory, { recursive: true });
    await writeFile(path.join(dataDir, originalPath), bytes);
    if (testBytes) await writeFile(path.join(absoluteDirectory, originalFileName("test", prepared.testFormat ?? "txt")), testBytes);
    const dataset = await getDb().$transaction(
      async (tx) => {
        const created = await tx.dataset.create({
          data: {
            id,
            name: upload.fields.name || defaultName(upload.file.name),
            format: prepared.format,
            originalFilename: sanitizeName(upload.file.name).slice(0, 500),
            originalPath,
            rowCount: prepared.rowCount,
            labels: prepared.classes,
            labelCounts: prepared.labelCounts,
            splitCounts: prepared.splitCounts,
            stats: prepared.stats,
            warnings: prepared.warnings,
            valFraction: prepared.valFraction,
            testFraction: prepared.testFraction,
            seed: prepared.seed,
            hasSeparateTest: prepared.hasSeparateTest,
            createdById,
          },
          include: { createdBy: CREATOR_SELECT },
        });
        await insertDatasetRows(tx, id, prepared);
        return created;
      },
      { maxWait: 10_000, timeout: 5 * 60_000 },
    );
    return toDatasetSummary(dataset);
  } catch (error) {
    await rm(absoluteDirectory, { recursive: true, force: true });
    if (isDiskFull(error)) {
      throw new ApiError(
        507,
        "insufficient_storage",
        "The server's disk is full: the upload could not be stored, and nothing of it was kept. Free space under DATA_DIR (or on the database's disk) and upload again.",
      );
    }
    throw error;
  }
}

// ENOSPC/EDQUOT writing the file under DATA_DIR; Postgres's 53100 (disk_full) storing the rows.
const DISK_FULL_CODES = new Set(["ENOSPC", "EDQUOT", "53100"]);

function isDiskFull(error: unknown): boolean {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === "string" && DISK_FULL_CODES.has(current.code)) return true;
    current = current.cause as typeof current;
  }
  return false;
}

function defaultName(filename: string): string {
  const base = sanitizeName(filename.replace(/\.[^.]*$/, ""));
  return (base || "Untitled dataset").slice(0, 200);
}
