// Errors a route handler throws on purpose; apiRoute turns them into the API's error shape.
import type { ApiIssue } from "@loraboard/contracts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} does not exist.`);
