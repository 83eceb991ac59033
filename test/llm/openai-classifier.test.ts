// The real `openai` client against a fake OpenAI-compatible server on loopback.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.ts";
import { defaultClassifier } from "../../src/llm/classifier.ts";
import { openAiClassifier } from "../../src/llm/openai-classifier.ts";
import { P, QS, TestApp } from "../support/harness.ts";

/** Answers chat completions with whatever `answer` returns for the user's text. */
function fakeModelServer() {
  const requests: { model: string; user: string; auth: string | undefined }[] = [];
  let answer: (user: string) => { status: number; content: string } = () => ({ status: 200, content: '{"kind":"none"}' });
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const parsed = JSON.parse(body);
      const user = parsed.messages.find((m: { role: string }) => m.role === "user").content;
      requests.push({ model: parsed.model, user, auth: req.headers.authorization });
      const a = answer(user);
      if (a.status === 0) return; // never answers
      res.writeHead(a.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "x", object: "chat.completion", created: 0, model: parsed.model, choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: a.content } }] }));
    });
  });
  return {
    requests,
    set answer(f: typeof answer) {
      answer = f;
    },
    async start() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    },
    stop: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

describe("openAiClassifier", () => {
  const fake = fakeModelServer();
  let baseURL: string;
  beforeAll(async () => {
    baseURL = await fake.start();
  });
  afterAll(() => fake.stop());
  const classifier = (timeoutMs = 2000) =>
    openAiClassifier({ baseURL, apiKey: "k-test", model: "qwen-test", timeoutMs, fallback: defaultClassifier(), log: createLogger("silent") });

  it("asks the model and takes its answer", async () => {
    fake.answer = () => ({ status: 200, content: '好的：{"kind":"feedback","topic":"study"}' });
    expect(await classifier().classify("这次党校培训收获很大，回去要把所学用起来")).toEqual({ kind: "feedback", topic: "study" });
    expect(fake.requests.at(-1)).toMatchObject({ model: "qwen-test", user: "这次党校培训收获很大，回去要把所学用起来", auth: "Bearer k-test" });
  });

  it("returns nothing for small talk, and does not call the model for acknowledgements", async () => {
    fake.answer = () => ({ status: 200, content: '{"kind":"none"}' });
    expect(await classifier().classify("今天天气不错，大家周末愉快")).toBeNull();
    const before = fake.requests.length;
    expect(await classifier().classify("收到")).toBeNull();
    expect(fake.requests.length).toBe(before);
  });

  it.each([
    ["an error status", () => ({ status: 500, content: "" })],
    ["an answer that is not JSON", () => ({ status: 200, content: "我觉得这是建议" })],
    ["an unknown kind", () => ({ status: 200, content: '{"kind":"praise"}' })],
  ])("falls back to the recogniser on %s", async (_what, answer) => {
    fake.answer = answer;
    expect(await classifier().classify("建议村里搞电商直播，把茶叶卖出去")).toEqual({ kind: "idea", topic: "industry" });
  });

  it("falls back to the recogniser when the model is too slow", async () => {
    fake.answer = () => ({ status: 0, content: "" });
    expect(await classifier(300).classify("建议村里搞电商直播，把茶叶卖出去")).toEqual({ kind: "idea", topic: "industry" });
  });
});

describe("the bot with a language model configured", () => {
  const fake = fakeModelServer();
  let t: TestApp;
  beforeAll(async () => {
    const baseURL = await fake.start();
    t = await TestApp.start({ env: { OPENAI_BASE_URL: baseURL, OPENAI_MODEL: "qwen-test" } });
  });
  afterAll(async () => {
    await t?.stop();
    await fake.stop();
  });

  it("files what the model recognises, and says so in the group", async () => {
    fake.answer = (user) => ({ status: 200, content: user.includes("培训") ? '{"kind":"feedback","topic":"study"}' : '{"kind":"none"}' });
    const replies = await t.say(P.lijuan, QS, "参加了县里的电商培训，学到不少东西");
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("学习心得");
    const id = Number(/#(\d+)/.exec(replies[0]!.text)![1]);
    expect(await t.prisma.feedbackItem.findUniqueOrThrow({ where: { id } })).toMatchObject({ detectedBy: "llm", topic: "study", kind: "feedback" });
    expect(await t.say(P.lijuan, QS, "大家晚上好呀，吃了吗今天")).toEqual([]);
  });

  // Issue 8, item 8: the fake endpoint received "我的手机13812345678，身份证330102199001011234".
  it("redacts phone, ID-card and bank-card numbers, in every way people type them, before the model sees the text", async () => {
    fake.answer = () => ({ status: 200, content: '{"kind":"none"}' });
    const from = fake.requests.length;
    const lines = [
      "我的手机13812345678，身份证330102199001011234，麻烦帮我登记一下",
      "电话是 138 1234 5678，卡号6222 0212 3456 7890 123，补贴打这张卡",
      "我的手机１３８１２３４５６７８，身份证３３０１０２１９９００１０１１２３Ｘ有问题",
      "联系我+86 138-1234-5678，银行卡6222021234567890123收款",
    ];
    for (const line of lines) await t.say(P.lijuan, QS, line);
    const seen = fake.requests.slice(from).map((r) => r.user);
    expect(seen).toHaveLength(lines.length);
    for (const text of seen) {
      expect(text.replace(/[^0-9０-９]/g, "").length, text).toBeLessThan(6);
      expect(text).toMatch(/\[(手机号|身份证号|银行卡号)\]/);
    }
  });

  it("calls the model at most LLM_CALLS_PER_MINUTE times a minute; the rules decide the rest", async () => {
    const from = fake.requests.length;
    fake.answer = () => ({ status: 200, content: '{"kind":"none"}' });
    for (let i = 0; i < 40; i++) await t.say(P.zhangwei, QS, `今天村里开了第${i}次会，大家讨论得很热烈`);
    expect(fake.requests.length - from).toBeLessThanOrEqual(30);
    expect(await t.prisma.archivedMessage.count({ where: { text: { contains: "大家讨论得很热烈" } } })).toBe(40);
  });
});
