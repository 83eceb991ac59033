import { z } from "zod";
import { AppError, forbidden } from "../../core/errors.ts";
import { parse } from "../../core/validate.ts";
import { underArea } from "../../domain/area.ts";
import { CATEGORY, SOURCE, STAGE } from "../../domain/glossary.ts";
import { atLeast, isCadre, type Actor } from "../../domain/permissions.ts";
import { audit } from "../audit.ts";
import { RawReply, type Route } from "../feature.ts";
import { keys, scopedArea } from "../paging.ts";
import { writeRegister } from "./register-export.ts";
import { registerSheets } from "./register-query.ts";
import { importSurveyFile } from "./survey-commit.ts";
import { surveyTemplate } from "./survey-template.ts";

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const ImportQuery = z.strictObject({ dryRun: flag.default(false), skipErrors: flag.default(false) });
const ExportQuery = z.strictObject({
  area: z.coerce.number().int().positive().optional(),
  stage: z.enum(keys(STAGE)).optional(),
  category: z.enum(keys(CATEGORY)).optional(),
  source: z.enum(keys(SOURCE)).optional(),
});

function cadreArea(actor: Actor) {
  if (!isCadre(actor) || !actor.area) throw forbidden("只有村干部及以上可以导入导出名册。");
  return actor.area;
}

/**
 * Phone numbers travel with the register: whole for township organisers and county
 * administrators (who hand the register on), masked for village cadres; ID numbers whole
 * only for county administrators.
 */
export const exportDetail = (actor: Actor) => ({
  phones: atLeast(actor.role, "township_organiser") ? ("full" as const) : ("masked" as const),
  idNumbers: atLeast(actor.role, "county_admin") ? ("full" as const) : ("masked" as const),
});

/** The survey import and the register export, for machines and for the workbench's pages alike. */
export const registerRoutes: Route[] = [
  {
    method: "post",
    path: "/candidates/import",
    async handle({ actor, query, body, services, now }) {
      const q = parse(ImportQuery, query);
      const area = cadreArea(actor);
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new AppError("bad_arguments", `请把 .xlsx 文件作为请求内容发送（Content-Type: ${XLSX}）`);
      }
      return importSurveyFile(services, { memberId: actor.memberId, area }, body, { commit: !q.dryRun, skipErrors: q.skipErrors, now: now() });
    },
  },
  {
    method: "get",
    path: "/candidates/export.xlsx",
    async handle({ actor, query, services, now }) {
      const q = parse(ExportQuery, query);
      cadreArea(actor);
      const prisma = services.db.prisma;
      const area = await scopedArea(prisma, actor, q.area);
      const detail = exportDetail(actor);
      const file = await writeRegister(await registerSheets(prisma, area, q), { ...detail, exportedAt: now() });
      await audit(prisma, { actorId: actor.memberId, action: "register.export", outcome: "ok", detail: { areaId: area.id, ...detail } });
      return new RawReply(XLSX, file!, { filename: `${area.name}后备力量名册.xlsx` });
    },
  },
  {
    method: "get",
    path: "/candidates/template.xlsx",
    async handle({ actor, services }) {
      const area = cadreArea(actor);
      const prisma = services.db.prisma;
      const places = await prisma.area.findMany({ where: { ...underArea(area), level: { in: ["township", "village"] } }, orderBy: { path: "asc" }, select: { name: true, level: true } });
      const townships = area.level === "county" ? places.filter((p) => p.level === "township").map((p) => p.name) : undefined;
      const villages = [...new Set(places.filter((p) => p.level === "village").map((p) => p.name))];
      const file = await surveyTemplate({ areaName: area.name, townships, villages });
      return new RawReply(XLSX, file, { filename: `${area.name}后备力量摸底表模板.xlsx` });
    },
  },
];
