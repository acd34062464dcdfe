/** Numbers as the dashboard shows them; null (a ratio over nothing) is a dash, never 0. */
export const percent = (v: number | null | undefined, digits = 1) =>
  typeof v === 'number' ? `${(v * 100).toFixed(digits)}%` : '—';

export const decimal = (v: number | null | undefined, digits = 2) =>
  typeof v === 'number' ? v.toLocaleString(undefined, { maximumFractionDigits: digits }) : '—';

/** ECharts renders tooltip strings as HTML; member names come from chat platforms and are anyone's to choose. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
