// Set up a real county before its first cadre can use the bot:
//   npm run admin -- area 青溪县 青山镇 青山村        create the chain of areas (county → township → village)
//   npm run admin -- code county_admin 青溪县        a one-time code (12 characters, valid 24 h): whoever sends "/绑定 CODE" takes the role over the area
//   npm run admin -- areas                          list the areas
// With PGlite, stop the bot first (one process opens the folder at a time).
import { loadConfig } from "../src/config.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { AREA_LEVEL, ROLE, fromLabel, type Role } from "../src/domain/glossary.ts";
import { areaLabel, createArea, findAreas } from "../src/features/areas/service.ts";
import { codeTtlMs, createBindCode, showBindCode } from "../src/features/binding/service.ts";

const LEVELS = ["county", "township", "village"] as const;
const [cmd, ...args] = process.argv.slice(2);
const usage = `usage:
  npm run admin -- area <县> [<乡镇> [<村>]]
  npm run admin -- code <county_admin|township_organiser|village_cadre> <地名>
  npm run admin -- areas`;

const config = loadConfig();
const db = await openDatabase(config.databaseUrl);
try {
  await migrate(db.sql);
  if (cmd === "area" && args.length >= 1 && args.length <= 3) {
    let parent: Awaited<ReturnType<typeof createArea>> | null = null;
    for (const [i, name] of args.entries()) {
      const existing = (await findAreas(db.prisma, name)).find((a) => a.level === LEVELS[i] && (parent ? a.path.startsWith(parent.path) : true));
      parent = existing ?? (await createArea(db.prisma, name, LEVELS[i]!, parent));
      console.log(`${existing ? "exists " : "created"} #${parent.id} ${AREA_LEVEL[parent.level]} ${await areaLabel(db.prisma, parent)}`);
    }
  } else if (cmd === "code" && args.length === 2) {
    const role = fromLabel(ROLE, args[0]!) as Role | undefined;
    if (!role || role === "guest" || role === "reserve") throw new Error(`role must be one of county_admin, township_organiser, village_cadre\n${usage}`);
    const found = await findAreas(db.prisma, args[1]!);
    if (found.length !== 1) throw new Error(found.length ? `"${args[1]}" is ambiguous: write 乡镇/村` : `no area named "${args[1]}"; create it with: npm run admin -- area …`);
    // A role code: twelve letters and digits, valid for hours, not days (BIND_ROLE_CODE_TTL_HOURS).
    const code = showBindCode(await createBindCode(db.prisma, { role, areaId: found[0]!.id }, new Date(), config.binding.codes));
    const hours = codeTtlMs(role, config.binding.codes) / 3_600_000;
    console.log(`一次性绑定码：${code}（${ROLE[role]}，${await areaLabel(db.prisma, found[0]!)}，${hours}小时内有效）`);
    console.log(`请本人在联系群或私聊里向机器人发送：/绑定 ${code}`);
  } else if (cmd === "areas") {
    for (const a of await db.prisma.area.findMany({ orderBy: { path: "asc" } })) {
      console.log(`${"  ".repeat(a.path.split("/").length - 3)}#${a.id} ${AREA_LEVEL[a.level]} ${a.name}`);
    }
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await db.close();
}
