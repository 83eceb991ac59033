// How people write place names versus how the statistics bureau does: a survey says
// "南高村" or "南高" where the codes say "南高村委会"; "青山镇" may be typed "青山".

/** Full-width letters, digits and brackets to half-width; whitespace removed. */
export function normalisePlaceText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "");
}

// Longest first; each maps the committee's name to the place it serves.
const VILLAGE_SUFFIXES: [RegExp, string][] = [
  [/会会$/, "会"], // a doubled character seen in the bureau's own data
  [/村?村民委员?会$/, "村"],
  [/村?村委员?会$/, "村"],
  [/村?村委$/, "村"],
  [/(社区居民委员会|社区居委会|社区委员会|社区居委|居民社区委员会)$/, "社区"],
  [/居民委员会$/, "居委会"],
  [/嘎查(人民)?委员?会$/, "嘎查"],
];

/**
 * The name people use for a village or community: committee words dropped,
 * bracketed remarks removed. `shortPlaceName("花园村村民委员会")` → "花园村";
 * `shortPlaceName("东于社区居委会")` → "东于社区"; a township name comes back unchanged.
 */
export function shortPlaceName(official: string): string {
  const plain = normalisePlaceText(official);
  const unbracketed = plain.replace(/\([^()]*\)/g, "") || plain;
  let name = unbracketed;
  for (const [suffix, replacement] of VILLAGE_SUFFIXES) name = name.replace(suffix, replacement);
  return name || unbracketed;
}

const TYPE_SUFFIX = /(嘎查村|社区|居委会|嘎查|村|街道办事处|街道|镇|乡|苏木)$/;

/**
 * A key two spellings of one place share: short name without its type word.
 * `placeKey("南高村委会") === placeKey("南高村") === placeKey("南高")`. Keys of a
 * village and a community with the same stem collide; callers report that as ambiguous.
 */
export function placeKey(name: string): string {
  const short = shortPlaceName(name);
  const stem = short.replace(TYPE_SUFFIX, "");
  return stem || short;
}
