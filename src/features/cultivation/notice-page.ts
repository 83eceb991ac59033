// The printable A4 page of a notice: the text, nothing fetched from elsewhere.

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function noticePage(text: string): string {
  const [title = "", ...rest] = text.split("\n");
  const body = rest.map((l) => (l.trim() ? `<p>${escape(l)}</p>` : "<br>")).join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
@page { size: A4; margin: 25mm 20mm; }
body { font-family: "SimSun", "Songti SC", serif; font-size: 16pt; line-height: 1.8; max-width: 170mm; margin: 0 auto; }
h1 { font-family: "SimHei", "Heiti SC", sans-serif; font-size: 22pt; text-align: center; margin: 0 0 1em; }
p { margin: 0; text-indent: 2em; }
p:nth-last-child(-n+2) { text-align: right; text-indent: 0; }
</style></head>
<body><h1>${escape(title)}</h1>
${body}
</body></html>`;
}
