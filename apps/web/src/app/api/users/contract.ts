// People: who may sign in, with which role (admins only; people do not sign themselves up).
import { CreateUserBody, declareRoute, listResponse, named, UserSummary } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/users", "admin", {
  tag: "Users", operationId: "listUsers", summary: "Every account",
  responses: { 200: { description: "Accounts, oldest first.", json: named("UserListResponse", listResponse(UserSummary)) } },
});

export const POST = declareRoute("POST /api/users", "admin", {
  tag: "Users", operationId: "createUser", summary: "Create an account",
  body: {
    contentType: "application/json",
    schema: named("CreateUserBody", CreateUserBody),
    example: { name: "Ada", email: "ada@example.com", password: "correct horse battery", role: "member" },
  },
  responses: { 201: { description: "The account.", json: named("UserSummary", UserSummary) } },
  errors: [400, 409, 422],
});
