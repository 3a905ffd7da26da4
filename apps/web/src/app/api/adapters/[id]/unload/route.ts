import { apiRoute } from "@/server/api-route";
import { unloadAdapter } from "@/features/adapters/server/adapters";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const POST = apiRoute<Context>(async (_request, { params }) => Response.json(await unloadAdapter((await params).id)));
