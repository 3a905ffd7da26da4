// A streaming zip of a folder, files stored uncompressed (safetensors barely compress and a merged
// 7B model is 13 GB: compressing would cost minutes of CPU for nothing). Sizes are known from stat,
// so the archive's length is known before the first byte; each file's CRC follows its data in a
// data descriptor. ZIP64 records appear only where a size, offset or count overflows 32 bits.
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { crc32 } from "node:zlib";

const MAX32 = 0xffffffff;
const FLAGS = 0x0808; // bit 3: sizes and CRC in a data descriptor; bit 11: UTF-8 names

interface Entry {
  name: Buffer;
  file: string;
  size: number;
  offset: number;
  dosTime: number;
  dosDate: number;
  crc?: number;
}

export interface ZipPlan {
  entries: Entry[];
  /** Exact byte length of the archive. */
  length: number;
}

async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const dirent of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, dirent.name);
    if (dirent.isDirectory()) found.push(...(await listFiles(full)));
    else if (dirent.isFile()) found.push(full);
  }
  return found.sort();
}

const isZip64Entry = (entry: Entry) => entry.size >= MAX32;
const localHeaderLength = (entry: Entry) => 30 + entry.name.length + (isZip64Entry(entry) ? 20 : 0);
const descriptorLength = (entry: Entry) => (isZip64Entry(entry) ? 24 : 16);

function centralExtraLength(entry: Entry) {
  const fields = (isZip64Entry(entry) ? 2 : 0) + (entry.offset >= MAX32 ? 1 : 0);
  return fields ? 4 + 8 * fields : 0;
}

/** Every file under `dir`, named `<root>/<relative path>` in the archive. */
export async function planZip(dir: string, root: string): Promise<ZipPlan> {
  const entries: Entry[] = [];
  let offset = 0;
  for (const file of await listFiles(dir)) {
    const info = await stat(file);
    const relative = path.relative(dir, file).split(path.sep).join("/");
    const when = info.mtime;
    const entry: Entry = {
      name: Buffer.from(`${root}/${relative}`, "utf8"),
      file,
      size: info.size,
      offset,
      dosTime: (when.getHours() << 11) | (when.getMinutes() << 5) | Math.floor(when.getSeconds() / 2),
      dosDate: ((Math.max(when.getFullYear(), 1980) - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate(),
    };
    offset += localHeaderLength(entry) + entry.size + descriptorLength(entry);
    entries.push(entry);
  }
  const centralLength = entries.reduce((sum, e) => sum + 46 + e.name.length + centralExtraLength(e), 0);
  const needsZip64End = entries.length >= 0xffff || offset >= MAX32 || centralLength >= MAX32;
  return { entries, length: offset + centralLength + (needsZip64End ? 56 + 20 : 0) + 22 };
}

function localHeader(entry: Entry): Buffer {
  const zip64 = isZip64Entry(entry);
  const buf = Buffer.alloc(localHeaderLength(entry));
  buf.writeUInt32LE(0x04034b50, 0);
  buf.writeUInt16LE(zip64 ? 45 : 20, 4);
  buf.writeUInt16LE(FLAGS, 6);
  buf.writeUInt16LE(0, 8); // stored
  buf.writeUInt16LE(entry.dosTime, 10);
  buf.writeUInt16LE(entry.dosDate, 12);
  // CRC and sizes are zero here (bit 3); ZIP64 entries mark them 0xffffffff and carry a zip64 field.
  buf.writeUInt32LE(0, 14);
  buf.writeUInt32LE(zip64 ? MAX32 : 0, 18);
  buf.writeUInt32LE(zip64 ? MAX32 : 0, 22);
  buf.writeUInt16LE(entry.name.length, 26);
  buf.writeUInt16LE(zip64 ? 20 : 0, 28);
  entry.name.copy(buf, 30);
  if (zip64) {
    const at = 30 + entry.name.length;
    buf.writeUInt16LE(0x0001, at);
    buf.writeUInt16LE(16, at + 2);
    buf.writeBigUInt64LE(BigInt(entry.size), at + 4);
    buf.writeBigUInt64LE(BigInt(entry.size), at + 12);
  }
  return buf;
}

function dataDescriptor(entry: Entry, crc: number): Buffer {
  const zip64 = isZip64Entry(entry);
  const buf = Buffer.alloc(descriptorLength(entry));
  buf.writeUInt32LE(0x08074b50, 0);
  buf.writeUInt32LE(crc, 4);
  if (zip64) {
    buf.writeBigUInt64LE(BigInt(entry.size), 8);
    buf.writeBigUInt64LE(BigInt(entry.size), 16);
  } else {
    buf.writeUInt32LE(entry.size, 8);
    buf.writeUInt32LE(entry.size, 12);
  }
  return buf;
}

function centralHeader(entry: Entry): Buffer {
  const zip64 = isZip64Entry(entry);
  const extra = centralExtraLength(entry);
  const buf = Buffer.alloc(46 + entry.name.length + extra);
  buf.writeUInt32LE(0x02014b50, 0);
  buf.writeUInt16LE((3 << 8) | 45, 4); // made by: Unix, spec 4.5
  buf.writeUInt16LE(zip64 || entry.offset >= MAX32 ? 45 : 20, 6);
  buf.writeUInt16LE(FLAGS, 8);
  buf.writeUInt16LE(0, 10);
  buf.writeUInt16LE(entry.dosTime, 12);
  buf.writeUInt16LE(entry.dosDate, 14);
  buf.writeUInt32LE(entry.crc ?? 0, 16);
  buf.writeUInt32LE(zip64 ? MAX32 : entry.size, 20);
  buf.writeUInt32LE(zip64 ? MAX32 : entry.size, 24);
  buf.writeUInt16LE(entry.name.length, 28);
  buf.writeUInt16LE(extra, 30);
  buf.writeUInt32LE((0o100644 << 16) >>> 0, 38); // a regular file, rw-r--r--
  buf.writeUInt32LE(entry.offset >= MAX32 ? MAX32 : entry.offset, 42);
  entry.name.copy(buf, 46);
  if (extra) {
    let at = 46 + entry.name.length;
    buf.writeUInt16LE(0x0001, at);
    buf.writeUInt16LE(extra - 4, at + 2);
    at += 4;
    if (zip64) {
      buf.writeBigUInt64LE(BigInt(entry.size), at);
      buf.writeBigUInt64LE(BigInt(entry.size), at + 8);
      at += 16;
    }
    if (entry.offset >= MAX32) buf.writeBigUInt64LE(BigInt(entry.offset), at);
  }
  return buf;
}

function endRecords(count: number, centralOffset: number, centralLength: number): Buffer {
  const needsZip64 = count >= 0xffff || centralOffset >= MAX32 || centralLength >= MAX32;
  const parts: Buffer[] = [];
  if (needsZip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE((3 << 8) | 45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(count), 24);
    record.writeBigUInt64LE(BigInt(count), 32);
    record.writeBigUInt64LE(BigInt(centralLength), 40);
    record.writeBigUInt64LE(BigInt(centralOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(centralOffset + centralLength), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(Math.min(centralLength, MAX32), 12);
  end.writeUInt32LE(Math.min(centralOffset, MAX32), 16);
  parts.push(end);
  return Buffer.concat(parts);
}

async function* zipBytes(plan: ZipPlan): AsyncGenerator<Buffer> {
  let written = 0;
  for (const entry of plan.entries) {
    const header = localHeader(entry);
    yield header;
    let crc = 0;
    let read = 0;
    for await (const chunk of createReadStream(entry.file) as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      read += chunk.length;
      if (read > entry.size) break;
      yield chunk;
    }
    // A file that changed under us would make the archive lie about its own length: stop instead.
    if (read !== entry.size) throw new Error(`${entry.file} changed size while it was being zipped`);
    entry.crc = crc;
    const descriptor = dataDescriptor(entry, crc);
    yield descriptor;
    written += header.length + entry.size + descriptor.length;
  }
  const central = plan.entries.map(centralHeader);
  const centralLength = central.reduce((sum, b) => sum + b.length, 0);
  yield* central;
  yield endRecords(plan.entries.length, written, centralLength);
}

/** The archive as a web stream, for a Response body. */
export function zipStream(plan: ZipPlan): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.from(zipBytes(plan))) as ReadableStream<Uint8Array>;
}
