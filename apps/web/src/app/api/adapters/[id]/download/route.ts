import { apiRoute } from "@/server/api-route";
import { downloadAdapter } from "@/features/adapters/server/adapter-export";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params }) => downloadAdapter(params.id));
