import { PlaygroundCompletionBody } from "@loraboard/contracts";
import { apiRoute, readJson } from "@/server/api-route";
import { completeOnce, completeStream } from "@/features/playground/server/complete";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  const body = PlaygroundCompletionBody.parse(await readJson(request));
  if (body.stream) return completeStream(body, request.signal);
  return Response.json(await completeOnce(body));
});
