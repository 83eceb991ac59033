// A fake OpenAI-compatible chat endpoint on loopback, for the real `openai` client.
// Each request takes the next scripted answer, else the default one.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeAnswer {
  status?: number;
  /** The assistant's content (a string; an object is sent as its JSON). */
  content?: string | object;
  refusal?: string;
  /** Never answer (the client's timeout fires). */
  hang?: boolean;
}

export interface SeenRequest {
  model: string;
  system: string;
  /** The last user turn. */
  user: string;
  /** The message as sent, when the user turn is the classification JSON. */
  message: string | null;
  responseFormat: string | undefined;
  auth: string | undefined;
}

/** A model's full, valid answer with the given overrides. */
export const answer = (over: Record<string, unknown> = {}) => ({
  kind: "idea",
  topic: "industry",
  sentiment: "neutral",
  urgency: "normal",
  summary: "建议发展特色产业",
  confidence: 0.9,
  ...over,
});

export function fakeModelServer() {
  const requests: SeenRequest[] = [];
  const script: FakeAnswer[] = [];
  let fallbackAnswer: (r: SeenRequest) => FakeAnswer = () => ({ content: answer({ kind: "none", confidence: 0.9 }) });
  let schemaSupported = true;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const parsed = JSON.parse(body);
      const user = [...parsed.messages].reverse().find((m: { role: string }) => m.role === "user").content as string;
      let message: string | null = null;
      try {
        message = JSON.parse(parsed.messages[1].content).message ?? null;
      } catch {
        message = null;
      }
      const seen: SeenRequest = {
        model: parsed.model,
        system: parsed.messages[0].content,
        user,
        message,
        responseFormat: parsed.response_format?.type,
        auth: req.headers.authorization,
      };
      requests.push(seen);
      if (!schemaSupported && seen.responseFormat === "json_schema") {
        res.writeHead(400, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "response_format json_schema is not supported", type: "invalid_request_error" } }));
        return;
      }
      const a = script.shift() ?? fallbackAnswer(seen);
      if (a.hang) return;
      const status = a.status ?? 200;
      res.writeHead(status, { "content-type": "application/json" });
      if (status !== 200) {
        res.end(JSON.stringify({ error: { message: `status ${status}`, type: "server_error" } }));
        return;
      }
      const content = a.content === undefined ? null : typeof a.content === "string" ? a.content : JSON.stringify(a.content);
      res.end(JSON.stringify({
        id: "x", object: "chat.completion", created: 0, model: parsed.model,
        choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content, refusal: a.refusal ?? null } }],
      }));
    });
  });
  return {
    requests,
    /** Answers for the next requests, in order. */
    script(...answers: FakeAnswer[]) {
      script.push(...answers);
    },
    set answer(f: (r: SeenRequest) => FakeAnswer) {
      fallbackAnswer = f;
    },
    set schemaSupported(v: boolean) {
      schemaSupported = v;
    },
    reset() {
      script.length = 0;
      requests.length = 0;
      schemaSupported = true;
      fallbackAnswer = () => ({ content: answer({ kind: "none", confidence: 0.9 }) });
    },
    async start() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    },
    stop: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
