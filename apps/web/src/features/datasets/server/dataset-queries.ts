// Reading datasets: the list (newest first, cursor-paged), one dataset with its statistics, and a
// page of its rows filtered by split, label and a case-insensitive search.
import type { DatasetDetail, DatasetListQuery, DatasetListResponse, DatasetRowsQuery, DatasetRowsResponse } from "@loraboard/contracts";
import { getDb, type Prisma } from "@loraboard/db/server";
import { labelFromKey, labelKey } from "@loraboard/domain";
import { LabelValue } from "@loraboard/contracts";
import { z } from "zod";
import { ApiError, notFound } from "@/server/api-error";
import { toDatasetDetail, toDatasetSummary } from "./to-summary";
import { CREATOR_SELECT } from "@/server/audit/audit-log";

interface Cursor {
  createdAt: Date;
  id: string;
}

function encodeCursor({ createdAt, id }: Cursor): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString("base64url");
}

function decodeCursor(cursor: string): Cursor {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    const date = new Date(createdAt);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
    return { createdAt: date, id };
  } catch {
    throw new ApiError(400, "invalid_cursor", "The cursor is not one this API returned; start again without it.");
  }
}

export async function listDatasets(query: DatasetListQuery): Promise<DatasetListResponse> {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await getDb().dataset.findMany({
    where: {
      deletedAt: null,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    omit: { stats: true },
    include: { createdBy: CREATOR_SELECT },
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDatasetSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function getDataset(id: string): Promise<DatasetDetail> {
  const dataset = await getDb().dataset.findUnique({ where: { id, deletedAt: null }, include: { createdBy: CREATOR_SELECT } });
  if (!dataset) throw notFound(`Dataset ${id}`);
  return toDatasetDetail(dataset);
}

export async function listDatasetRows(id: string, query: DatasetRowsQuery): Promise<DatasetRowsResponse> {
  const db = getDb();
  const exists = await db.dataset.findUnique({ where: { id, deletedAt: null }, select: { id: true, labels: true } });
  if (!exists) throw notFound(`Dataset ${id}`);
  if (query.label !== undefined && !z.array(LabelValue).parse(exists.labels).some((label) => labelKey(label) === query.label)) {
    throw new ApiError(422, "invalid_request", `The dataset has no label ${JSON.stringify(query.label)}.`, [
      { field: "label", message: "pick one of the dataset's labels" },
    ]);
  }
  const where: Prisma.DatasetRowWhereInput = {
    datasetId: id,
    ...(query.split ? { split: query.split } : {}),
    ...(query.label !== undefined ? { label: query.label } : {}),
    ...(query.q ? { sentence: { contains: escapeLike(query.q), mode: "insensitive" } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.datasetRow.findMany({
      where,
      orderBy: { index: "asc" },
      skip: query.offset,
      take: query.limit,
      select: { index: true, sentence: true, label: true, split: true },
    }),
    db.datasetRow.count({ where }),
  ]);
  return { items: rows.map((row) => ({ ...row, label: labelFromKey(row.label) })), total };
}

/** Prisma passes `contains` into ILIKE as is; a search for "100%" or "a_b" means those characters. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
