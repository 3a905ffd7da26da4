import { apiRoute } from "@/server/api-route";
import { cancelSweep } from "@/features/sweeps/server/control-sweep";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ params, principal }) => Response.json(await cancelSweep(params.id, principal), { status: 202 }));
