// "Inside an area" for raw SQL (see domain/area.ts for code and Prisma filters).
// Paths hold only digits and slashes, so LIKE needs no escaping.

/**
 * `${column} is at or under the path in parameter $n`:
 * `WHERE ${pathUnder("a.path", 1)}` with `[area.path]`.
 */
export function pathUnder(column: string, param: number): string {
  return `${column} LIKE $${param} || '%'`;
}

/** `${column} is at or under the area whose id is parameter $n`. */
export function pathUnderAreaId(column: string, param: number): string {
  return `${column} LIKE (SELECT path FROM "Area" WHERE id = $${param}) || '%'`;
}

/** The path in parameter $n is at or under `${column}`: the area in the column covers it. */
export function pathCovers(column: string, param: number): string {
  return `$${param} LIKE ${column} || '%'`;
}
