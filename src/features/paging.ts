import { z } from "zod";
import { notFound } from "../core/errors.ts";
import type { Prisma } from "../db/database.ts";
import type { AreaRef } from "../domain/area.ts";
import { inScope, type Actor } from "../domain/permissions.ts";

/** A whole number as written in decimal digits: "0x10", "1e3" or " 7" are refused, not read as numbers. */
export const wholeNumber = (what: string) => z.string().regex(/^\d{1,9}$/, `${what}应为十进制数字，如 12`).transform(Number);

/** An id in a query: a positive decimal number. */
export const idParam = wholeNumber("编号").pipe(z.number().min(1, "编号应从1开始"));

/** Page parameters every list route takes. */
export const paging = {
  page: wholeNumber("page").pipe(z.number().min(1, "page 应从1开始")).default(1),
  pageSize: wholeNumber("pageSize").pipe(z.number().min(1, "pageSize 至少为1").max(200, "pageSize 最多200")).default(50),
};

/** Counting stops here: a list says "10000+" rather than count a county's whole history on every page. */
export const COUNT_CAP = 10_000;

export const pageWindow = (q: { page: number; pageSize: number }) => ({ skip: (q.page - 1) * q.pageSize, take: q.pageSize });

export const pageInfo = (q: { page: number; pageSize: number }, total: number) => ({
  total: Math.min(total, COUNT_CAP),
  totalIsCapped: total > COUNT_CAP,
  page: q.page,
  pageSize: q.pageSize,
});

/** `keys(STAGE)` → the codes, for z.enum. */
export const keys = <T extends Record<string, string>>(t: T) => Object.keys(t) as [keyof T & string, ...(keyof T & string)[]];

/**
 * The area a list is limited to: the one asked for (`?area=`) if it lies in the asker's
 * scope, else the asker's own. One answer for "no such area" and "not yours", so ids
 * outside one's scope reveal nothing.
 */
export async function scopedArea(prisma: Prisma, actor: Actor, id: number | undefined): Promise<AreaRef> {
  const own = actor.area;
  if (!own) throw notFound("没有可查看的范围。");
  if (id === undefined) return own;
  const area = await prisma.area.findUnique({ where: { id }, select: { id: true, name: true, level: true, path: true } });
  if (!area || !inScope(actor, area)) throw notFound(`没有编号为 ${id} 的地区，或不在您的范围内。`, { id });
  return area;
}
