import { describe, expect, it } from "vitest";
import { appendLogLines } from "./log-lines";

describe("appendLogLines", () => {
  it("matches a live line without a database id to the stored one, and keeps order", () => {
    const stored = [
      { id: "1", stream: "stderr", line: "a", createdAt: "2026-01-01T00:00:00.000Z" },
      { id: "2", stream: "stderr", line: "b", createdAt: "2026-01-01T00:00:01.000Z" },
    ];
    const live = [
      { id: "", stream: "stderr", line: "b", createdAt: "2026-01-01T00:00:01.000Z" },
      { id: "", stream: "stderr", line: "c", createdAt: "2026-01-01T00:00:02.000Z" },
      { id: "", stream: "stderr", line: "d", createdAt: "2026-01-01T00:00:03.000Z" },
    ];
    expect(appendLogLines(stored, live).map((line) => line.line)).toEqual(["a", "b", "c", "d"]);
  });
});
