import { apiRoute } from "@/server/api-route";
import { creatorIdOf } from "@/server/audit/audit-log";
import { createSweep } from "@/features/sweeps/server/create-sweep";
import { listSweeps } from "@/features/sweeps/server/query-sweeps";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ body, principal }) => Response.json(await createSweep(body, creatorIdOf(principal)), { status: 201 }));

export const GET = apiRoute(contract.GET, async ({ query }) => Response.json(await listSweeps(query)));
