// Every process validates its settings at start: a missing or wrong one stops it with one line
// naming the setting and what is expected. `.env.example` lists every setting with local defaults.
import { z } from "zod";

const postgresUrl = z
  .string({ error: "expected a postgresql:// URL" })
  .regex(/^postgres(ql)?:\/\/.+/, "expected a postgresql:// URL");
const redisUrl = z
  .string({ error: "expected a redis:// URL" })
  .regex(/^rediss?:\/\/.+/, "expected a redis:// URL such as redis://127.0.0.1:6380/0");
const httpUrl = z
  .string({ error: "expected an http(s):// URL" })
  .regex(/^https?:\/\/.+/, "expected an http(s):// URL");
const absolutePath = z
  .string({ error: "expected an absolute path" })
  .regex(/^\//, "expected an absolute path");

const SharedEnv = z.object({
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl,
  DATA_DIR: absolutePath,
  INFERENCE_URL: httpUrl,
  // Webhooks may POST to private, loopback and link-local addresses (a receiver on this machine or
  // the LAN). Off by default: anyone with an account could otherwise make the server probe them.
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(["true", "false"], { error: "expected true or false" })
    .default("false")
    .transform((value) => value === "true"),
  // The SmolLM2 base model's own inference server (one vLLM serves one base model).
  SMOLLM2_INFERENCE_URL: httpUrl.default("http://127.0.0.1:8001"),
});

/** Values this project's files have shown as API_TOKEN: a token anyone can read is no secret. (The
 * test environment's own token, scripts/test-env.sh, only ever runs against test data.) */
export const DOCUMENTED_EXAMPLE_TOKENS = ["local-dev-token-change-me"];
const MIN_API_TOKEN_LENGTH = 32;

const addressOrRange = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: "expected comma-separated IP addresses or CIDR ranges such as 127.0.0.1,10.0.0.0/8",
});
const addressList = z
  .string()
  .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
  .pipe(z.array(addressOrRange));

export const WebEnv = SharedEnv.extend({
  // Opt-in bootstrap credential: when set, `Authorization: Bearer <API_TOKEN>` acts as an admin
  // (for scripts and for creating the first accounts). People sign in with email and password.
  // Nothing ships a value: a short or published one would make anyone who reads it an admin.
  API_TOKEN: z
    .string({ error: `expected a secret of at least ${MIN_API_TOKEN_LENGTH} characters` })
    .min(MIN_API_TOKEN_LENGTH, `expected a secret of at least ${MIN_API_TOKEN_LENGTH} characters (such as the output of openssl rand -hex 32)`)
    .refine(
      (token) => !DOCUMENTED_EXAMPLE_TOKENS.includes(token) && !/change-?me/i.test(token),
      "expected your own secret, not an example value (generate one with openssl rand -hex 32)",
    )
    .optional(),
  // Signs session cookies. Unset: a random one is generated once and kept in DATA_DIR/auth-secret.
  AUTH_SECRET: z
    .string({ error: "expected a secret of at least 32 characters" })
    .min(32, "expected a secret of at least 32 characters")
    .optional(),
  // Extra origins (comma-separated, such as https://lora.example.com) allowed to send
  // cookie-authenticated mutations, for a proxy that rewrites the Host header.
  TRUSTED_ORIGINS: z.string().optional(),
  // Comma-separated addresses (10.0.0.2, ::1) or CIDR ranges (10.0.0.0/8) of the reverse proxies
  // whose X-Forwarded-For the dashboard believes. Empty: it believes none and takes the client's
  // address from the connection, so nobody picks their own sign-in rate-limit key.
  TRUSTED_PROXIES: addressList.default([]),
  MAX_UPLOAD_BYTES: z.coerce
    .number({ error: "expected a number of bytes" })
    .int("expected a whole number of bytes")
    .positive("expected a positive number of bytes")
    .default(100 * 1024 * 1024),
  // Live job streams (SSE) one account, or the API_TOKEN, may hold open at once, across every web
  // process; one more is refused with 429. Each open job page holds one.
  MAX_LIVE_STREAMS_PER_USER: z.coerce
    .number({ error: "expected a number of streams" })
    .int("expected a whole number of streams")
    .positive("expected a positive number of streams")
    .default(20),
  // Jobs (queued or running) one account, or the API_TOKEN, may have at once, sweeps' jobs
  // included; a job or sweep past it is refused with 429, so nobody fills the GPUs' queue alone.
  MAX_ACTIVE_JOBS_PER_USER: z.coerce
    .number({ error: "expected a number of jobs" })
    .int("expected a whole number of jobs")
    .positive("expected a positive number of jobs")
    .default(50),
});
export type WebEnv = z.infer<typeof WebEnv>;

export const WorkerEnv = SharedEnv.extend({
  // Comma-separated GPU indices; empty means CPU mode (one job at a time).
  GPU_IDS: z
    .string()
    .regex(/^(\d+(,\d+)*)?$/, "expected comma-separated GPU indices such as 0,1, or empty for CPU")
    .default(""),
  TRAINER_RUNTIME: z
    .enum(["process", "docker"], { error: "expected process or docker" })
    .default("process"),
  TRAINER_IMAGE: z.string().default("loraboard-trainer:latest"),
  PYTHON_BIN: absolutePath,
  WORKER_ID: z.string().optional(),
  // How long an evaluation waits out an inference server that is restarting or reloading adapters.
  INFERENCE_RETRY_SECONDS: z.coerce
    .number({ error: "expected a number of seconds" })
    .int("expected a whole number of seconds")
    .min(0, "expected 0 or more seconds")
    .default(300),
  // A failed webhook delivery is tried again after this many seconds, doubling each time.
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce
    .number({ error: "expected a number of seconds" })
    .min(0, "expected 0 or more seconds")
    .default(30),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

export class EnvError extends Error {}

/** Parses `source` with `schema`; on failure throws one line naming the first bad setting. */
export function parseEnv<T extends z.ZodType>(
  schema: T,
  source: Record<string, string | undefined> = process.env,
): z.infer<T> {
  // Empty strings mean "unset" so that defaults apply to `KEY=` lines in .env files.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  const problem = cleaned[name] === undefined ? "is missing" : "is invalid";
  throw new EnvError(`Setting ${name} ${problem}: ${issue.message}`);
}

/** For process entry points: prints the one-line reason and exits 1 instead of a stack trace. */
export function loadEnvOrExit<T extends z.ZodType>(schema: T): z.infer<T> {
  try {
    return parseEnv(schema);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
