// Unknown /api/* paths answer in the API's JSON error shape (401 first, like every route).
import { apiRoute } from "@/server/api-route";
import { ApiError } from "@/server/api-error";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

const notARoute = async ({ request }: { request: Request }): Promise<Response> => {
  throw new ApiError(404, "not_found", `No API route ${request.method} ${new URL(request.url).pathname}.`);
};

export const GET = apiRoute(contract.GET, notARoute);
export const POST = apiRoute(contract.POST, notARoute);
export const PUT = apiRoute(contract.PUT, notARoute);
export const PATCH = apiRoute(contract.PATCH, notARoute);
export const DELETE = apiRoute(contract.DELETE, notARoute);
