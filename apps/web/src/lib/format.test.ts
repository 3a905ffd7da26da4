import { describe, expect, it } from "vitest";
import { formatDuration, formatNumber } from "./format";

describe("format", () => {
  it("formats durations and numbers compactly", () => {
    expect(formatDuration(75)).toBe("1m 15s");
    expect(formatDuration(3725)).toBe("1h 02m");
    expect(formatDuration(null)).toBe("—");
    expect(formatNumber(0.0002)).toBe("2e-4");
    expect(formatNumber(0.693147)).toBe("0.6931");
    expect(formatNumber(1234.5)).toBe("1,235");
  });
});
