import { Router } from "express";
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { MockWorld, RoomLine } from "../channels/wechaty/mock-world.ts";
import { AppError } from "../core/errors.ts";
import { parse } from "../core/validate.ts";

const SayBody = z.strictObject({
  roomId: z.string().min(1),
  wxid: z.string().min(1),
  text: z.string().min(1, "不能为空").max(10_000, "不能超过10000字"),
});

const PAGE = new URL("./simulator.html", import.meta.url);

/**
 * The simulator: pick a member of a demo group, type as them, and watch the
 * bot answer. Messages go in through the mock puppet, so they take the same
 * path as real WeChat messages; the page follows the rooms over server-sent events.
 */
export function simulatorRouter(world: MockWorld, botName: string): Router {
  const r = Router();
  const history: RoomLine[] = [];
  world.onRoomMessage((line) => {
    history.push(line);
    if (history.length > 500) history.shift();
  });

  r.get("/simulator", (_req, res) => {
    res.type("html").send(readFileSync(PAGE, "utf8"));
  });

  r.get("/api/simulator/world", (_req, res) => {
    res.json({
      bot: { wxid: world.spec.bot.wxid, name: botName },
      groups: world.spec.groups.map((g) => ({
        roomId: g.roomId,
        topic: g.topic,
        members: g.members.map((wxid) => ({ wxid, name: world.name(wxid) })),
      })),
    });
  });

  r.post("/api/simulator/say", (req, res) => {
    const body = parse(SayBody, req.body);
    const group = world.spec.groups.find((g) => g.roomId === body.roomId);
    if (!group) throw new AppError("not_found", "没有这个群");
    if (!group.members.includes(body.wxid)) throw new AppError("bad_arguments", "此人不在这个群里");
    const id = world.say(body.wxid, body.roomId, body.text);
    res.status(202).json({ messageId: id });
  });

  r.get("/api/simulator/events", (req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const send = (line: RoomLine) => res.write(`data: ${JSON.stringify(line)}\n\n`);
    for (const line of history) send(line);
    const off = world.onRoomMessage(send);
    const ping = setInterval(() => res.write(": ping\n\n"), 15_000);
    req.on("close", () => {
      off();
      clearInterval(ping);
    });
  });

  return r;
}
