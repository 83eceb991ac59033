// The callback of a self-built WeCom app (自建应用): WeCom calls our address with
// encrypted XML. Checked here, in this order, before anything is read: the signature
// (SHA-1 over token, timestamp, nonce and ciphertext), the timestamp window, the
// corp id inside the plaintext (`@wecom/crypto` returns it and does not check it),
// and a nonce seen only once within the window.
import { timingSafeEqual } from "node:crypto";
import { decrypt, getSignature } from "@wecom/crypto";

export type CallbackRejection = "bad_signature" | "stale" | "wrong_corp" | "replayed" | "malformed";

export class CallbackRejected extends Error {
  constructor(readonly reason: CallbackRejection) {
    super(`wecom callback rejected: ${reason}`);
  }
}

export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
  echostr?: string;
}

export interface WecomCallbackOptions {
  token: string;
  aesKey: string;
  corpId: string;
  /** How far a request's timestamp may be from now (default 5 minutes). */
  windowMs?: number;
  now?: () => Date;
}

/** Verifies and opens WeCom's callbacks; keeps the nonces of the window in memory. */
export class WecomCallback {
  private readonly seen = new Map<string, number>();
  private readonly windowMs: number;
  private readonly now: () => Date;

  constructor(private readonly opts: WecomCallbackOptions) {
    this.windowMs = opts.windowMs ?? 5 * 60_000;
    this.now = opts.now ?? (() => new Date());
  }

  /** The URL check when the address is saved in the admin console: the echo, decrypted. */
  verifyUrl(q: CallbackQuery): string {
    if (!q.echostr) throw new CallbackRejected("malformed");
    return this.open(q, q.echostr);
  }

  /** A message or event: the decrypted XML. */
  openMessage(q: CallbackQuery, xml: string): string {
    const encrypted = xmlField(xml, "Encrypt");
    if (!encrypted) throw new CallbackRejected("malformed");
    return this.open(q, encrypted);
  }

  private open(q: CallbackQuery, encrypted: string): string {
    if (!q.msg_signature || !q.timestamp || !q.nonce || !/^\d{1,12}$/.test(q.timestamp)) throw new CallbackRejected("malformed");
    const expected = Buffer.from(getSignature(this.opts.token, q.timestamp, q.nonce, encrypted));
    const given = Buffer.from(q.msg_signature.toLowerCase());
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new CallbackRejected("bad_signature");
    const now = this.now().getTime();
    if (Math.abs(now - Number(q.timestamp) * 1000) > this.windowMs) throw new CallbackRejected("stale");
    let opened: { message: string; id: string };
    try {
      opened = decrypt(this.opts.aesKey, encrypted);
    } catch {
      throw new CallbackRejected("malformed");
    }
    if (opened.id !== this.opts.corpId) throw new CallbackRejected("wrong_corp");
    for (const [n, until] of this.seen) if (until < now) this.seen.delete(n);
    if (this.seen.has(q.nonce)) throw new CallbackRejected("replayed");
    this.seen.set(q.nonce, now + 2 * this.windowMs);
    return opened.message;
  }
}

/** One field of WeCom's flat XML, CDATA or plain. */
export function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2] ?? "") : undefined;
}
