// One POST of a webhook body with node:http(s): the connection goes only to an address the URL
// guard allows (its lookup is the connection's), redirects are not followed (a 3xx could point
// inside), and the answer is read only as far as the log needs.
import http from "node:http";
import https from "node:https";
import { guardedLookup } from "@loraboard/queue/webhooks";

const MAX_ANSWER_BYTES = 2048;

export interface PostAnswer {
  statusCode: number;
  /** The start of the answer's body, for the delivery log. */
  text: string;
}

export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { allowPrivate: boolean; timeoutMs: number },
): Promise<PostAnswer> {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "loraboard-webhooks/1", ...headers },
        lookup: guardedLookup(options.allowPrivate),
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let length = 0;
        response.on("data", (chunk: Buffer) => {
          if (length < MAX_ANSWER_BYTES) chunks.push(chunk);
          length += chunk.length;
        });
        response.on("end", () =>
          resolve({ statusCode: response.statusCode ?? 0, text: Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)));
    request.on("error", reject);
    request.end(body);
  });
}
