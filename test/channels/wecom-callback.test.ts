// Callback mode of a self-built WeCom app: the official WXBizMsgCrypt sample values,
// then forgeries, a wrong corp id, a replayed nonce and a stale timestamp; then the
// app's HTTP address on loopback with real crypto, answering at once and replying
// through a fake WeCom API.
import { encrypt, getSignature } from "@wecom/crypto";
import { afterEach, describe, expect, it } from "vitest";
import { CallbackRejected, WecomCallback } from "../../src/channels/wecom/callback.ts";
import { FakeWebhookServer } from "../../src/channels/wecom/fake-webhook.ts";
import { TestApp, until } from "../support/harness.ts";

// The sample values of WeCom's WXBizMsgCrypt libraries.
const TOKEN = "QDG6eK";
const AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
const CORP = "wx5823bf96d3bd56c7";
const URL_CHECK = {
  msg_signature: "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
  timestamp: "1409659589",
  nonce: "263014780",
  echostr: "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==",
};
const MESSAGE = {
  query: { msg_signature: "477715d11cdb4164915debcba66cb864d751f3e6", timestamp: "1409659813", nonce: "1372623149" },
  xml:
    "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>",
};
const at = (unix: string, plusMs = 0) => () => new Date(Number(unix) * 1000 + plusMs);
const reason = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof CallbackRejected) return err.reason;
    throw err;
  }
  return "accepted";
};

describe("WeCom callback verification", () => {
  it("passes the official sample values: the URL check and a text message", () => {
    expect(new WecomCallback({ token: TOKEN, aesKey: AES_KEY, corpId: CORP, now: at(URL_CHECK.timestamp) }).verifyUrl(URL_CHECK)).toBe("1616140317555161061");
    const xml = new WecomCallback({ token: TOKEN, aesKey: AES_KEY, corpId: CORP, now: at(MESSAGE.query.timestamp, 2000) }).openMessage(MESSAGE.query, MESSAGE.xml);
    expect(xml).toContain("<FromUserName><![CDATA[mycreate]]></FromUserName>");
    expect(xml).toContain("<Content><![CDATA[hello]]></Content>");
  });

  it("rejects a forged signature, a wrong corp id, a replayed nonce and a stale timestamp", () => {
    const cb = () => new WecomCallback({ token: TOKEN, aesKey: AES_KEY, corpId: CORP, now: at(URL_CHECK.timestamp) });
    expect(reason(() => cb().verifyUrl({ ...URL_CHECK, msg_signature: "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4" }))).toBe("bad_signature");
    expect(reason(() => cb().verifyUrl({ ...URL_CHECK, nonce: "263014781" }))).toBe("bad_signature");
    expect(reason(() => new WecomCallback({ token: "wrong1", aesKey: AES_KEY, corpId: CORP, now: at(URL_CHECK.timestamp) }).verifyUrl(URL_CHECK))).toBe("bad_signature");
    // Signed correctly by someone holding the key, but for another corp.
    expect(reason(() => new WecomCallback({ token: TOKEN, aesKey: AES_KEY, corpId: "ww0000000000000001", now: at(URL_CHECK.timestamp) }).verifyUrl(URL_CHECK))).toBe("wrong_corp");
    const once = cb();
    expect(once.verifyUrl(URL_CHECK)).toBe("1616140317555161061");
    expect(reason(() => once.verifyUrl(URL_CHECK))).toBe("replayed");
    expect(reason(() => new WecomCallback({ token: TOKEN, aesKey: AES_KEY, corpId: CORP, now: at(URL_CHECK.timestamp, 6 * 60_000) }).verifyUrl(URL_CHECK))).toBe("stale");
    expect(reason(() => new WecomCallback({ token: TOKEN, aesKey: AES_KEY, corpId: CORP, now: at(URL_CHECK.timestamp, -6 * 60_000) }).verifyUrl(URL_CHECK))).toBe("stale");
    expect(reason(() => cb().openMessage(MESSAGE.query, "<xml><ToUserName>x</ToUserName></xml>"))).toBe("malformed");
  });
});

describe("WeCom self-built app on its callback address", { timeout: 90_000 }, () => {
  let api: FakeWebhookServer;
  let t: TestApp;
  afterEach(async () => {
    await t?.stop();
    await api?.close();
  });

  /** What WeCom would post for a text message from `user`, signed and encrypted now. */
  const post = (user: string, text: string, nonce: string, over: { corp?: string; signature?: string; timestamp?: number } = {}) => {
    const timestamp = String(over.timestamp ?? Math.floor(Date.now() / 1000));
    const plain = `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><FromUserName><![CDATA[${user}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${nonce}00</MsgId><AgentID>1000002</AgentID></xml>`;
    const enc = encrypt(AES_KEY, plain, over.corp ?? CORP);
    const signature = over.signature ?? getSignature(TOKEN, timestamp, nonce, enc);
    return fetch(`${t.app.url}/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`, {
      method: "POST",
      headers: { "content-type": "text/xml" },
      body: `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
    });
  };

  it("answers WeCom at once, files the message, replies through message/send, and turns forgeries away", async () => {
    api = await FakeWebhookServer.start([]);
    api.app = { corpId: CORP, secret: "app-secret-1" };
    t = await TestApp.start({
      http: true,
      jobs: false,
      env: { WECOM_CALLBACK_TOKEN: TOKEN, WECOM_CALLBACK_AES_KEY: AES_KEY, WECOM_CORP_ID: CORP, WECOM_APP_SECRET: "app-secret-1", WECOM_AGENT_ID: "1000002", WECOM_API_URL: api.apiUrl },
    });
    // The URL check, as the admin console does it when the address is saved.
    const ts = String(Math.floor(Date.now() / 1000));
    const echo = encrypt(AES_KEY, "8837261529", CORP);
    const check = await fetch(`${t.app.url}/wecom/callback?msg_signature=${getSignature(TOKEN, ts, "5501", echo)}&timestamp=${ts}&nonce=5501&echostr=${encodeURIComponent(echo)}`);
    expect([check.status, await check.text()]).toEqual([200, "8837261529"]);

    const res = await post("ZhouMin", "/帮助", "7001");
    expect([res.status, await res.text()]).toEqual([200, "success"]);
    const help = () => api.appMessages.filter((m) => m.touser === "ZhouMin" && m.content.includes("【苗圃助手 命令】")).length;
    await until("the answer through the app", () => help() === 1);
    expect(await t.prisma.archivedMessage.count({ where: { channel: "wecom-app", text: "/帮助" } })).toBe(1);

    // An expired token is fetched again, once.
    api.expireTokens();
    await post("ZhouMin", "/帮助", "7002");
    await until("the second answer", () => help() === 2);

    // Forged, replayed, another corp's, stale: 403 and nothing filed.
    expect((await post("ZhouMin", "伪造的消息", "7003", { signature: "0".repeat(40) })).status).toBe(403);
    expect((await post("ZhouMin", "重放的消息", "7001")).status).toBe(403);
    expect((await post("ZhouMin", "别家企业的消息", "7004", { corp: "ww0000000000000001" })).status).toBe(403);
    expect((await post("ZhouMin", "过期的消息", "7005", { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(403);
    expect(await t.prisma.archivedMessage.count({ where: { channel: "wecom-app" } })).toBe(2);
  });
});
