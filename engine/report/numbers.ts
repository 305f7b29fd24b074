// How every report (text, Markdown, the panel, charts) writes numbers, in one place so that the
// panel and a pasted mail never disagree. Pure: the webview bundles it.

/** Whole numbers as integers, others with two decimals. */
export function num(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** For tables: values of 100 or more as integers, smaller ones with two decimals. */
export function rounded(x: number): string {
  return Math.abs(x) >= 100 ? String(Math.round(x)) : num(Math.round(x * 100) / 100);
}

/** "+12.3%", "-4.0%", "n/a". */
export function formatChangePct(changePct: number | null): string {
  if (changePct === null) return 'n/a';
  return `${changePct > 0 ? '+' : ''}${changePct.toFixed(1)}%`;
}
