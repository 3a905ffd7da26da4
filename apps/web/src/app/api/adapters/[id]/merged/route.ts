import { apiRoute } from "@/server/api-route";
import { getAdapterExport, startMerge } from "@/features/adapters/server/adapter-export";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params }) => Response.json(await getAdapterExport(params.id)));

export const POST = apiRoute(contract.POST, async ({ params }) => Response.json(await startMerge(params.id), { status: 202 }));
