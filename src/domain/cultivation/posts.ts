// Practice posts (实践岗位): who might fit an open post, with the reason shown.
// Plain rules on what the register holds: place, specialties, education.

export const POST_ACTIVITY = { shadowing: "跟岗学习", meeting: "列席会议", affairs: "参与村组事务" } as const;
export type PostActivity = keyof typeof POST_ACTIVITY;

export interface PostSpec {
  title: string;
  /** The post's area path; people living under it fit by place. */
  areaPath: string;
}

export interface Prospect {
  id: number;
  name: string;
  villagePath: string;
  education: string | null;
  specialties: string | null;
  /** Already on a post whose period has not ended. */
  busy: boolean;
}

/** Words in a post's title that call for a specialty, and the specialties that answer them. */
const NEEDS: [RegExp, RegExp, string][] = [
  [/集体经济|合作社|经济/, /合作社|电商|经营|养殖|种植|会计|财务|营销|民宿/, "有经营方面的特长"],
  [/文员|办公室|内勤|助理/, /文秘|办公|写作|计算机|电脑|会计|财务|电商/, "有文书或办公方面的特长"],
  [/网格/, /民兵|调解|治安|社区|网格/, "有基层治理方面的经历"],
];
const HIGHER_EDUCATION = /大专|专科|本科|大学|研究生|硕士|博士/;

/**
 * Suggest people for a post, each with reasons; those with no reason at all, or
 * already busy on a post, are left out. Listed by how many reasons fit, then by id:
 * a suggestion list for the organiser, not a ranking anyone else sees.
 */
export function suggestForPost(post: PostSpec, people: readonly Prospect[]): { id: number; name: string; reasons: string[] }[] {
  const out: { id: number; name: string; reasons: string[] }[] = [];
  for (const p of people) {
    if (p.busy) continue;
    const reasons: string[] = [];
    if (p.villagePath.startsWith(post.areaPath)) reasons.push("就在本地");
    for (const [title, skill, why] of NEEDS) if (title.test(post.title) && p.specialties && skill.test(p.specialties)) reasons.push(`${why}（${p.specialties}）`);
    if (/文员|助理|办公室/.test(post.title) && p.education && HIGHER_EDUCATION.test(p.education)) reasons.push(`学历${p.education}`);
    if (reasons.length) out.push({ id: p.id, name: p.name, reasons });
  }
  return out.sort((a, b) => b.reasons.length - a.reasons.length || a.id - b.id);
}
