import { apiRoute } from "@/server/api-route";
import { completeOnce, completeStream } from "@/features/playground/server/complete";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ body, request }) => {
  if (body.stream) return completeStream(body, request.signal);
  return Response.json(await completeOnce(body));
});
