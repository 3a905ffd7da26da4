import { apiRoute } from "@/server/api-route";
import { promoteSweepJob } from "@/features/sweeps/server/control-sweep";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ params, body }) => Response.json(await promoteSweepJob(params.id, body)));
