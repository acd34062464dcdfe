import type { ChatReport } from './report.js';
import { reportRows } from './report.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A self-contained page (no scripts, no network) to keep or send along with the numbers. */
export function reportHtml(r: ChatReport): string {
  const rows = reportRows(r.metrics).map(([k, v]) => `<tr><th><code>${esc(k)}</code></th><td>${esc(v)}</td></tr>`).join('\n');
  const top = r.metrics.top_speakers.map((s) => `<tr><td>${esc(s.name)}</td><td>${s.messages}</td>`
    + `<td><span class="bar" style="width:${Math.round(s.share * 300)}px"></span> ${(s.share * 100).toFixed(1)}%</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Shequn report: ${esc(r.source)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{padding:4px 12px;border-bottom:1px solid #eee;text-align:left}
.bar{display:inline-block;height:10px;background:#1677ff;vertical-align:middle}code{font-size:13px}.muted{color:#888}</style></head>
<body><h1>社群健康报告 · Community health</h1>
<p class="muted">${esc(r.source)} · ${esc(r.import.format)} · ${r.import.records} records · ${r.import.chats} chat(s) · ${esc(r.metrics.window.from)} – ${esc(r.metrics.window.to)}</p>
<h2>Metrics</h2><p class="muted">Definitions: docs/metrics.md in the Shequn repository.</p>
<table>${rows}</table>
<h2>Segments</h2><p class="muted">as of ${esc(r.segments.as_of)}</p><table>${Object.entries(r.segments.counts).map(([k, v]) => `<tr><th><code>${esc(k)}</code></th><td>${v}</td></tr>`).join('')}</table>
<h2>Top speakers</h2><table><tr><th>name</th><th>messages</th><th>share</th></tr>${top}</table>
</body></html>
`;
}
