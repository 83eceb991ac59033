// Imported first by bench/run.ts (ES modules evaluate imports in order), so these
// settings are in place before Wechaty and its logger are loaded.
//
// stdout carries the results table and, as its very last line, one JSON object;
// everything else any library prints goes to stderr.
process.env.WECHATY_LOG ??= "silent";
process.env.BROLOG_LEVEL ??= "silent";
process.env.LOG_LEVEL = "silent";

const toStderr = (...args: unknown[]) => {
  process.stderr.write(args.map((a) => (typeof a === "string" ? a : String(a))).join(" ") + "\n");
};
console.log = toStderr;
console.info = toStderr;
console.debug = toStderr;

// A closed pipe (`… | head -1`) must not kill the run before it drops its database.
process.stdout.on("error", () => undefined);

/** Write to the real stdout (the only writer of stdout in the bench). */
export function out(line = ""): void {
  process.stdout.write(line + "\n");
}
