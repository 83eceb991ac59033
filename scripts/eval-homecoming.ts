// Prints how well parseHomecoming reads the fixture answers: the development part
// (used while writing the rules) and the held-out part (written after them).
// npm run eval:homecoming [-- --all] lists every miss.
import { evaluateHomecoming } from "../test/domain/homecoming-eval.ts";
import { DEVELOPMENT, HELD_OUT } from "../test/domain/homecoming.fixture.ts";

const showAll = process.argv.includes("--all");
for (const [name, cases] of [["development", DEVELOPMENT], ["held-out", HELD_OUT]] as const) {
  const r = evaluateHomecoming(cases);
  console.log(`${name}: ${r.correct}/${r.total} = ${(r.accuracy * 100).toFixed(1)}% (status right: ${r.statusCorrect}/${r.total})`);
  for (const miss of showAll ? r.misses : r.misses.slice(0, 10)) {
    console.log(`  ✗ ${miss.text}  [${miss.season} ${miss.year}, today ${miss.today}]\n      expected ${JSON.stringify(miss.expected)}\n      got      ${JSON.stringify(miss.got)}`);
  }
}
