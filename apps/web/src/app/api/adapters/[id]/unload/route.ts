import { apiRoute } from "@/server/api-route";
import { unloadAdapter } from "@/features/adapters/server/adapters";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ params }) => Response.json(await unloadAdapter(params.id)));
