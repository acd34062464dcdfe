import type { PlanInput, PresetInput } from './contracts.js';
import { dayOf, isoOfDay } from './schedule.js';

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * A ready plan from the operator's chosen templates (docs/automation.md, "Presets"). Pure, so the editor
 * can show the steps before saving and the tests can read them.
 *
 * Opening ceremony: evenings, when members of a new group read along: day 0 20:00 welcome and 20:05 the
 * group's value, day 1 20:00 the rules, days 1-3 20:30 the closing activity. The welcome and the rules are
 * service (what a new member needs), the value and the activity marketing, so the busiest day (day 1) holds
 * one marketing send, well under the default cap of 3.
 *
 * Pre-heat before a sale: topic discussion 2 and 1 days before at 20:00, a reminder on the day 2 hours
 * before the sale (not before 00:00), the link at the sale time. All marketing; the sale day holds two.
 */
export function presetPlan(p: PresetInput): PlanInput {
  const base = { name: p.name, enabled: true, communityTypes: p.communityTypes, communityIds: p.communityIds };
  const step = (label: string, time: string, recurrence: PlanInput['steps'][number]['recurrence'], templateId: string, cls: 'marketing' | 'service') =>
    ({ label, time, recurrence, templateId, class: cls, endsOn: null });
  if (p.preset === 'opening_ceremony') {
    return {
      ...base,
      steps: [
        step('欢迎 / welcome', '20:00', { kind: 'after_open', days: [0] }, p.templates.welcome, 'service'),
        step('群价值 / the group\'s value', '20:05', { kind: 'after_open', days: [0] }, p.templates.value, 'marketing'),
        step('群规 / group rules', '20:00', { kind: 'after_open', days: [1] }, p.templates.rules, 'service'),
        step('收尾活动 / closing activity', '20:30', { kind: 'after_open', days: [1, 2, 3] }, p.templates.closing, 'marketing'),
      ],
    };
  }
  const sale = dayOf(p.saleDate);
  const saleMinutes = Number(p.saleTime.slice(0, 2)) * 60 + Number(p.saleTime.slice(3));
  return {
    ...base,
    steps: [
      step('话题预热 / topic discussion', '20:00', { kind: 'dates', dates: [isoOfDay(sale - 2), isoOfDay(sale - 1)] }, p.templates.topic, 'marketing'),
      step('开售提醒 / reminder', hhmm(Math.max(0, saleMinutes - 120)), { kind: 'dates', dates: [p.saleDate] }, p.templates.reminder, 'marketing'),
      step('开售链接 / the link', p.saleTime, { kind: 'dates', dates: [p.saleDate] }, p.templates.link, 'marketing'),
    ],
  };
}
