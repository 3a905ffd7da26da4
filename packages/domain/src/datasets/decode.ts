// Bytes to text: UTF-8 with or without a BOM; anything else is refused with the line it breaks on.
import { DatasetRejection } from "./rejection";

const fatalDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export interface DecodedText {
  text: string;
  hasBom: boolean;
}

export function decodeUtf8(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new DatasetRejection(
      "malformed",
      "not_utf8",
      "The file is UTF-16 text; save it as UTF-8 (with or without a BOM) and upload it again.",
    );
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new DatasetRejection(
      "malformed",
      "unknown_format",
      "The file is a ZIP archive (an Excel workbook?); export it as CSV with a sentence,label header.",
    );
  }
  const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: fatalDecoder.decode(body), hasBom };
  } catch {
    const offset = findInvalidUtf8(body);
    const line = countLines(body, Math.max(offset, 0));
    const byte = offset >= 0 ? ` (byte 0x${body[offset]!.toString(16).toUpperCase().padStart(2, "0")})` : "";
    throw new DatasetRejection(
      "malformed",
      "not_utf8",
      `The file is not UTF-8 text: line ${line} has an invalid byte${byte}. It may be GBK or Latin-1; save it as UTF-8 and upload it again.`,
      [{ row: line, message: `not UTF-8${byte}` }],
    );
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((value, i) => bytes[i] === value);
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF included), or -1. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
