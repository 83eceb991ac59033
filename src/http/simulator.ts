import { Router } from "express";
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { MockWorld, RoomLine } from "../channels/wechaty/mock-world.ts";
import { AppError } from "../core/errors.ts";
import { parse } from "../core/validate.ts";
import { DEMO_WECOM_GROUP, DEMO_WECOM_PEOPLE, type WecomDemo } from "../demo/wecom-demo.ts";

const SayBody = z.strictObject({
  roomId: z.string().min(1),
  wxid: z.string().min(1),
  text: z.string().min(1, "不能为空").max(10_000, "不能超过10000字"),
});

const PAGE = new URL("./simulator.html", import.meta.url);
// The page's stylesheet and script, served beside it: nothing is loaded from elsewhere.
const ASSETS: Record<string, { file: URL; type: string }> = {
  "simulator.css": { file: new URL("./simulator.css", import.meta.url), type: "text/css; charset=utf-8" },
  "simulator.js": { file: new URL("./simulator.js", import.meta.url), type: "text/javascript; charset=utf-8" },
};

/**
 * The simulator: pick a member of a demo group, type as them, and watch the
 * bot answer. Messages go in through the mock puppet, so they take the same
 * path as real WeChat messages; the page follows the rooms over server-sent events.
 */
/** The demo's clock: what "now" is for the app, and a way to move it forward. */
export interface DemoClock {
  now(): Date;
  forward(ms: number): void;
}

const ClockBody = z.object({ hours: z.number().int().min(1).max(24 * 60) });

export function simulatorRouter(world: MockWorld, botName: string, wecom: WecomDemo | null = null, clock: DemoClock | null = null): Router {
  const r = Router();
  // Move the demo's time forward (the jobs then run on the later time: the symposium's
  // reminders, the weekly round…); the page then asks the symposium's steps to run now.
  r.get("/api/simulator/clock", (_req, res) => {
    res.json({ now: (clock?.now() ?? new Date()).toISOString(), movable: !!clock });
  });
  r.post("/api/simulator/clock", (req, res) => {
    if (!clock) throw new AppError("bad_arguments", "这个演示的时间不能调整");
    const { hours } = parse(ClockBody, req.body);
    clock.forward(hours * 3_600_000);
    res.json({ now: clock.now().toISOString(), movable: true });
  });
  const history: RoomLine[] = [];
  const listeners = new Set<(line: RoomLine) => void>();
  const emit = (line: RoomLine) => {
    history.push(line);
    if (history.length > 500) history.shift();
    for (const l of listeners) l(line);
  };
  world.onRoomMessage(emit);
  // The WeCom demo group: what the bot shows there, with <@userid> read back as @name.
  const wecomNames = new Map(DEMO_WECOM_PEOPLE.map((p) => [p.userid, p.name]));
  let wecomSeq = 0;
  wecom?.server.onLine((l) => {
    if (l.conversation !== DEMO_WECOM_GROUP.chatid) return;
    const text = l.text.replace(/<@([^>]+)>/g, (_, id: string) => `@${wecomNames.get(id) ?? id}`);
    emit({ roomId: l.conversation, messageId: `wecom-bot-${++wecomSeq}`, talkerId: "aib-demo", talkerName: botName, text, at: new Date(), fromBot: true });
  });

  r.get("/simulator", (_req, res) => {
    res.type("html").send(readFileSync(PAGE, "utf8"));
  });
  r.get("/simulator/:file", (req, res, next) => {
    const asset = Object.hasOwn(ASSETS, req.params.file) ? ASSETS[req.params.file] : undefined;
    if (!asset) return next();
    res.type(asset.type).send(readFileSync(asset.file, "utf8"));
  });

  r.get("/api/simulator/world", (_req, res) => {
    res.json({
      bot: { wxid: world.spec.bot.wxid, name: botName },
      groups: [
        ...world.spec.groups.map((g) => ({
          roomId: g.roomId,
          topic: g.topic,
          members: g.members.map((wxid) => ({ wxid, name: world.name(wxid) })),
        })),
        ...(wecom ? [{ roomId: DEMO_WECOM_GROUP.chatid, topic: DEMO_WECOM_GROUP.topic, members: DEMO_WECOM_PEOPLE.map((p) => ({ wxid: p.userid, name: p.name })) }] : []),
      ],
    });
  });

  r.post("/api/simulator/say", (req, res) => {
    const body = parse(SayBody, req.body);
    if (wecom && body.roomId === DEMO_WECOM_GROUP.chatid) {
      const person = DEMO_WECOM_PEOPLE.find((p) => p.userid === body.wxid);
      if (!person) throw new AppError("bad_arguments", "此人不在这个群里");
      // WeCom delivers only what @-mentions the bot: the simulator writes to the bot.
      const id = wecom.server.sayInGroup(person.userid, DEMO_WECOM_GROUP.chatid, body.text);
      emit({ roomId: DEMO_WECOM_GROUP.chatid, messageId: id, talkerId: person.userid, talkerName: person.name, text: body.text, at: new Date(), fromBot: false });
      res.status(202).json({ messageId: id });
      return;
    }
    const group = world.spec.groups.find((g) => g.roomId === body.roomId);
    if (!group) throw new AppError("not_found", "没有这个群");
    if (!group.members.includes(body.wxid)) throw new AppError("bad_arguments", "此人不在这个群里");
    // On the demo's clock, so a message said after moving time forward is dated then.
    const id = world.say(body.wxid, body.roomId, body.text, clock ? { timestamp: clock.now().getTime() } : {});
    res.status(202).json({ messageId: id });
  });

  r.get("/api/simulator/events", (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (line: RoomLine) => res.write(`data: ${JSON.stringify(line)}\n\n`);
    for (const line of history) send(line);
    listeners.add(send);
    const off = () => listeners.delete(send);
    const ping = setInterval(() => res.write(": ping\n\n"), 15_000);
    req.on("close", () => {
      off();
      clearInterval(ping);
    });
  });

  return r;
}
