// Unknown /api/* paths answer in the API's JSON error shape (401 first, like every route).
import { apiRoute } from "@/server/api-route";
import { ApiError } from "@/server/api-error";

export const dynamic = "force-dynamic";

const notARoute = apiRoute(async (request) => {
  throw new ApiError(404, "not_found", `No API route ${request.method} ${new URL(request.url).pathname}.`);
});

export { notARoute as GET, notARoute as POST, notARoute as PUT, notARoute as PATCH, notARoute as DELETE };
