import { Segmented } from 'antd';
import { useI18n } from '../i18n/index.js';

export const DAY_CHOICES = [7, 30, 60, 90] as const;

export function DaysPicker({ value, onChange }: { value: number; onChange: (days: number) => void }) {
  const { t } = useI18n();
  return (
    <Segmented<number>
      value={value}
      onChange={onChange}
      options={DAY_CHOICES.map((d) => ({ value: d, label: t('common.lastDays', { n: d }) }))}
    />
  );
}

/** Only the offered windows are accepted from the URL, so a hand-edited link cannot ask for a year. */
export function validDays(n: number, fallback: number): number {
  return (DAY_CHOICES as readonly number[]).includes(n) ? n : fallback;
}
