/** An area's `path` lists its ancestors' ids: "/1/4/9/". */
export interface AreaRef {
  id: number;
  name: string;
  level: "county" | "township" | "village";
  path: string;
}

// "Inside an area" has one meaning — the inner path starts with the outer one — and
// one home for each way it is asked: areaContains in code, underArea for a Prisma
// filter on an area relation, and db/area-sql.ts for raw SQL.

/** True when `inner` is `outer` or lies inside it. */
export function areaContains(outer: { path: string }, inner: { path: string }): boolean {
  return inner.path.startsWith(outer.path);
}

/** A filter on an area's columns: areas at or under `root` (`{ village: underArea(a) }`). */
export function underArea(root: { path: string }): { path: { startsWith: string } } {
  return { path: { startsWith: root.path } };
}

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

/** Everything: what a machine with the API token acts on (every path starts with "/"). */
export const EVERYWHERE: AreaRef = { id: 0, name: "全部", level: "county", path: "/" };
