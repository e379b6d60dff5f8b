/**
 * A draft facts.yaml with its editor's decisions made: each `TODO` filled in
 * with a neutral value, no figure and no evidence touched, so that a test can
 * check that a draft passes provenance once decided.
 */
export function decideDraft(draft: string, year: number): string {
  return draft
    .replace(/date: "TODO[^"]*"/, `date: "${year}-02-13"`)
    .replace(/template: "TODO[^"]*"/, "template: funding-announcement")
    .replace(/story: "TODO[^"]*"/, "story: {}")
    .replaceAll(/value: "TODO: the year of (\d\d)-(\d\d)[^"]*"/g, `value: "${year}-$1-$2"`)
    .replaceAll(/value: "TODO: the year of month (\d\d)[^"]*"/g, `value: "${year}-$1"`)
    .replaceAll(/value: "TODO: the year of (Q[1-4]|H[12])[^"]*"/g, `value: "${year}-$1"`)
    .replaceAll(`{ fr: "TODO", nl: "TODO", en: "TODO" }`, "{ fr: le chiffre, nl: het cijfer, en: the figure }")
    .replaceAll(/reason: "TODO[^"]*"/g, "reason: not shown in the brief");
}
