import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planZip, zipStream } from "./zip-stream";

async function collect(stream: ReadableStream<Uint8Array>) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("zipStream", () => {
  it("writes an archive that zip readers accept, of the length it announced", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "zip-src-"));
    mkdirSync(path.join(dir, "nested"));
    writeFileSync(path.join(dir, "adapter_config.json"), JSON.stringify({ r: 8 }));
    writeFileSync(path.join(dir, "nested", "权重.bin"), Buffer.alloc(200_000, 7));
    writeFileSync(path.join(dir, "empty.txt"), "");

    const plan = await planZip(dir, "toy-v1");
    const bytes = await collect(zipStream(plan));
    expect(bytes.length).toBe(plan.length);

    const out = path.join(mkdtempSync(path.join(tmpdir(), "zip-out-")), "a.zip");
    writeFileSync(out, bytes);
    // Python's zipfile checks every CRC (testzip) and reads the names back.
    const listed = execFileSync("python3", ["-c", [
      "import sys, zipfile, json",
      "z = zipfile.ZipFile(sys.argv[1])",
      "assert z.testzip() is None",
      "print(json.dumps({i.filename: i.file_size for i in z.infolist()}, ensure_ascii=False))",
    ].join("\n"), out], { encoding: "utf8" });
    expect(JSON.parse(listed)).toEqual({
      "toy-v1/adapter_config.json": 7, // {"r":8}
      "toy-v1/empty.txt": 0,
      "toy-v1/nested/权重.bin": 200_000,
    });
    execFileSync("unzip", ["-tq", out]);
  });
});
