import { ApiTokenListResponse, declareRoute, named } from "@loraboard/contracts";

// Admin: to see what scripts act as a person, and cut one off.
export const GET = declareRoute("GET /api/users/[id]/tokens", "admin", {
  tag: "Users", operationId: "listUserApiTokens", summary: "A person's API tokens",
  responses: { 200: { description: "Their tokens.", json: named("ApiTokenListResponse", ApiTokenListResponse) } },
  errors: [404],
});
