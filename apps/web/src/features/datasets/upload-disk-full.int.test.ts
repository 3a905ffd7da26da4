// The disk fills up during an upload: a real full file system, a small tmpfs mounted over
// DATA_DIR/datasets for the test (we run as root, here and in CI), so writing the file fails with
// ENOSPC as it would on a full disk. The client gets 507 saying what happened; nothing is stored.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, statfsSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiErrorBody, CreateDatasetResponse } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { POST as createRoute } from "@/app/api/datasets/route";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";

const TMPFS_BYTES = 256 * 1024;
const datasetsDir = () => path.join(process.env.DATA_DIR ?? "", "datasets");
let isMounted = false;

beforeEach(() => {
  mkdirSync(datasetsDir(), { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${TMPFS_BYTES},mode=0755`, "loraboard-disk-full-test", datasetsDir()], { stdio: "pipe" });
  } catch (error) {
    throw new Error(
      `This test fills a small tmpfs and needs root to mount one (npm test and CI run as root): ${(error as { stderr?: Buffer }).stderr?.toString().trim() ?? error}`,
    );
  }
  isMounted = true;
});
afterEach(() => {
  if (isMounted) execFileSync("umount", [datasetsDir()]);
  isMounted = false;
});

function upload(rows: { sentence: string; label: number }[], name: string) {
  const form = new FormData();
  form.set("file", new File([JSON.stringify(rows)], `${name}.json`));
  return createRoute(apiRequest("/api/datasets", { method: "POST", body: form }), routeParams({}));
}

const rowsOf = (count: number, length: number) =>
  Array.from({ length: count }, (_, i) => ({ sentence: `${i}${"很".repeat(length)}`, label: i % 2 }));

describe("disk full during an upload", () => {
  it("answers 507 with what happened and what to do, and stores nothing: no row, no file", async () => {
    const db = getDb();
    // ~600 KB of JSON on a 256 KB file system.
    const response = await upload(rowsOf(2000, 100), "too-big-for-the-disk");
    expect(response.status).toBe(507);
    const body = ApiErrorBody.parse(await response.json());
    expect(body.error.code).toBe("insufficient_storage");
    expect(body.error.message).toContain("disk is full");
    expect(body.error.message).toContain("nothing of it was kept");

    expect(await db.dataset.count()).toBe(0);
    expect(await db.datasetRow.count()).toBe(0);
    expect(readdirSync(datasetsDir())).toEqual([]); // the partial file and its directory are gone
    const { bsize, bfree, blocks } = statfsSync(datasetsDir());
    expect(bfree).toBe(blocks); // the space the partial write took is free again
    expect(bsize * blocks).toBe(TMPFS_BYTES);

    // The same disk still takes an upload that fits: it was the space, not the mount.
    const small = await upload(rowsOf(20, 5), "fits");
    expect(small.status).toBe(201);
    const created = CreateDatasetResponse.parse(await small.json());
    expect(readdirSync(datasetsDir())).toEqual([created.id]);
    expect(await db.datasetRow.count({ where: { datasetId: created.id } })).toBe(20);
  });
});
