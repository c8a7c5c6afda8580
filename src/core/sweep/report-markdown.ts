/** A sweep report as Markdown (report.md): renders `reportContent`, images as links to the full frames. */
import { NOISE_NOTE, type ReportContent } from './report-content.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function tableLines(columns: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${columns.map(cell).join(' | ')} |`,
    `|${columns.map(() => ' --- ').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

export function renderReportMarkdown(content: ReportContent): string {
  const lines: string[] = [`# ${content.title}`, ''];
  if (content.question) lines.push(`**Question:** ${content.question}`, '');
  lines.push(content.lead, '', `\`${content.everyRun.replace(/^Every run: /, '')}\` for every run.`, '');
  if (content.missing) lines.push(`> **Incomplete:** ${content.missing}`, '');

  lines.push('## Best configuration', '');
  for (const best of content.best) {
    const by = best.by ? ` (${best.by})` : '';
    lines.push(`- **${cell(best.target)}**: ${best.configuration} — ${best.figures}${by}`);
    if (best.close.length > 0) lines.push(`  - ${NOISE_NOTE} ${best.close.join('; ')}`);
  }
  lines.push('');

  for (const table of content.tables) {
    lines.push(`## ${table.heading}`, '');
    if (table.floor) lines.push(table.floor, '');
    lines.push(...tableLines(table.columns, table.rows.map((row) => [
      ...row.settings.map(cell),
      ...row.cells.map((c) => (c === undefined ? '—' : c.best ? `**${cell(c.text)}**` : cell(c.text))),
    ])));
    lines.push('');
  }

  lines.push('## Final frames', '');
  for (const grid of content.frames) {
    lines.push(`### ${grid.target}`, '');
    lines.push(...tableLines(grid.columns, grid.rows.map((row) => [
      ...row.settings.map(cell),
      ...row.frames.map((frame) => (frame === undefined
        ? '—'
        : `[![${frame.run.name}](${frame.links.thumbnail})](${frame.links.full})`)),
    ])));
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}
