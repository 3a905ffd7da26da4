import { declareRoute, named, UpdateUserBody, UserSummary } from "@loraboard/contracts";

export const PATCH = declareRoute("PATCH /api/users/[id]", "admin", {
  tag: "Users", operationId: "updateUser", summary: "Change a role, rename, bar from signing in, or set a new password",
  body: { contentType: "application/json", schema: named("UpdateUserBody", UpdateUserBody), example: { role: "admin" } },
  responses: { 200: { description: "The account.", json: named("UserSummary", UserSummary) } },
  errors: [400, 404, 409, 422],
});

export const DELETE = declareRoute("DELETE /api/users/[id]", "admin", {
  tag: "Users", operationId: "deleteUser", summary: "Delete an account, its sessions and its tokens",
  responses: { 204: { description: "Deleted." } },
  errors: [404, 409],
});
