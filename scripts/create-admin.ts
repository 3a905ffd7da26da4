// `npm run create-admin -- --email ada@example.com [--name "Ada"] [--role member]`: creates an
// account from the command line (the first admin of a server nobody has opened yet, or anyone
// later). The password comes from ADMIN_PASSWORD, from stdin with --password-stdin, or is asked
// for without echo; never from a flag, which would land in the shell's history and `ps`.
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { getDb } from "@loraboard/db/server";
import { CreateUserBody } from "@loraboard/contracts";
import { createUser } from "@/features/accounts/server/users";
import { ApiError } from "@/server/api-error";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "admin" },
    "password-stdin": { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (values["password-stdin"] || !process.stdin.isTTY) {
    let input = "";
    for await (const chunk of process.stdin) input += chunk;
    return input.replace(/\r?\n$/, "");
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Mute the echo of what is typed after the prompt.
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  const prompt = "Password (at least 10 characters): ";
  process.stdout.write(prompt);
  output._writeToOutput = () => {};
  const password = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return password;
}

if (!values.email) fail('usage: npm run create-admin -- --email ada@example.com [--name "Ada Lovelace"] [--role admin|member]');
const parsed = CreateUserBody.safeParse({
  email: values.email,
  name: values.name ?? values.email.split("@")[0],
  role: values.role,
  password: await readPassword(),
});
if (!parsed.success) fail(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n"));
try {
  const user = await createUser(parsed.data);
  console.log(`created ${user.role} ${user.email}: sign in at the dashboard with this email and password`);
} catch (error) {
  if (error instanceof ApiError) fail(error.message);
  throw error;
} finally {
  await getDb().$disconnect();
}
process.exit(0);
