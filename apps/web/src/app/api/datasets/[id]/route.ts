import { apiRoute } from "@/server/api-route";
import { getDataset } from "@/features/datasets/server/dataset-queries";
import { deleteDataset } from "@/features/datasets/server/delete-dataset";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute<Context>(async (_request, { params }) => Response.json(await getDataset((await params).id)));

export const DELETE = apiRoute<Context>(async (_request, { params }, principal) => {
  await deleteDataset((await params).id, principal!);
  return new Response(null, { status: 204 });
});
