/** A sweep report as one self-contained HTML page (report.html): renders `reportContent`. */
import { NOISE_NOTE, type ReportContent } from './report-content.js';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; text-align: left; vertical-align: middle; }
th { background: #f3f3f3; }
td.best { font-weight: bold; background: #e6f4ea; }
td.frame { padding: 2px; }
td.frame img { display: block; width: 160px; height: auto; }
.note { background: #fff4d6; padding: 0.5em 1em; border-left: 4px solid #e0a800; }
code { background: #f3f3f3; padding: 0 0.3em; }
`;

function row(cells: readonly string[]): string {
  return `<tr>${cells.join('')}</tr>`;
}

function table(columns: readonly string[], body: readonly string[]): string {
  return `<table>\n<thead>${row(columns.map((c) => `<th>${escape(c)}</th>`))}</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

export function renderReportHtml(content: ReportContent): string {
  const parts: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escape(content.title)}</title><style>${STYLE}</style></head>`,
    '<body>',
    `<h1>${escape(content.title)}</h1>`,
  ];
  if (content.question) parts.push(`<p><strong>Question:</strong> ${escape(content.question)}</p>`);
  parts.push(`<p>${escape(content.lead)}</p>`);
  parts.push(`<p><code>${escape(content.everyRun.replace(/^Every run: /, ''))}</code> for every run.</p>`);
  if (content.missing) parts.push(`<p class="note"><strong>Incomplete:</strong> ${escape(content.missing)}</p>`);

  parts.push('<h2>Best configuration</h2>', '<ul>');
  for (const best of content.best) {
    const by = best.by ? ` (${escape(best.by)})` : '';
    const close = best.close.length > 0 ? `<br>${escape(NOISE_NOTE)} ${escape(best.close.join('; '))}` : '';
    parts.push(`<li><strong>${escape(best.target)}</strong>: ${escape(best.configuration)} — ${escape(best.figures)}${by}${close}</li>`);
  }
  parts.push('</ul>');

  for (const metricTable of content.tables) {
    parts.push(`<h2>${escape(metricTable.heading)}</h2>`);
    if (metricTable.floor) parts.push(`<p>${escape(metricTable.floor)}</p>`);
    parts.push(table(metricTable.columns, metricTable.rows.map((r) => row([
      ...r.settings.map((s) => `<td>${escape(s)}</td>`),
      ...r.cells.map((c) => (c === undefined ? '<td>—</td>' : `<td${c.best ? ' class="best"' : ''}>${escape(c.text)}</td>`)),
    ]))));
  }

  parts.push('<h2>Final frames</h2>');
  for (const grid of content.frames) {
    parts.push(`<h3>${escape(grid.target)}</h3>`);
    parts.push(table(grid.columns, grid.rows.map((r) => row([
      ...r.settings.map((s) => `<td>${escape(s)}</td>`),
      ...r.frames.map((frame) => (frame === undefined
        ? '<td>—</td>'
        : `<td class="frame"><a href="${escape(frame.links.full)}"><img src="${escape(frame.links.thumbnail)}" alt="${escape(frame.run.name)}" title="${escape(frame.run.name)}"></a></td>`)),
    ]))));
  }
  parts.push('</body>', '</html>', '');
  return parts.join('\n');
}
