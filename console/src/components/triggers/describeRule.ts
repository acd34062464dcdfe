import type { Translate } from '../../i18n/index.js';
import type { Duration, Trigger } from './triggersApi.js';

type Te = (group: string, value: string | null | undefined) => string;

export const durationText = (d: Duration | null, t: Translate, te: Te) => (d ? `${d.amount} ${te('durationUnit', d.unit)}` : t('triggers.atOnce'));

/** "When …" of a rule in a few words, for the list. */
export function whenText(r: Pick<Trigger, 'when'>, t: Translate, te: Te): string {
  const w = r.when;
  if (w.kind === 'event') {
    const base = te('eventType', w.eventType);
    if (w.keyword) return t('triggers.whenKeyword', { event: base, keyword: w.keyword });
    if (w.name) return `${base} · ${w.name}`;
    return base;
  }
  if (w.kind === 'segment') {
    const parts = [te('segment', w.segment)];
    if (w.silentDays) parts.push(t('triggers.silentDaysShort', { n: w.silentDays }));
    if (w.minTenureDays) parts.push(t('triggers.tenureShort', { n: w.minTenureDays }));
    return parts.join(' · ');
  }
  return te('whenKind', w.kind);
}

/** "Do …" of a rule in a few words, for the list. */
export function doText(r: Pick<Trigger, 'do'>, te: Te): string {
  const d = r.do;
  if (d.kind === 'send_template') return `${te('triggerDo', d.kind)} · ${te('audience', d.audience)}`;
  if (d.kind === 'staff_task') return `${te('triggerDo', d.kind)} · ${te('taskKind', d.taskKind)}`;
  if (d.kind === 'tag') return `${te('triggerDo', d.kind)} · ${d.tag}`;
  return te('triggerDo', d.kind);
}
