/** An area's `path` lists its ancestors' ids: "/1/4/9/". */
export interface AreaRef {
  id: number;
  name: string;
  level: "county" | "township" | "village";
  path: string;
}

/** True when `inner` is `outer` or lies inside it. */
export function areaContains(outer: { path: string }, inner: { path: string }): boolean {
  return inner.path.startsWith(outer.path);
}

export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}
