import { useState } from 'react';
import { memberApi, type Calendar } from './api.js';
import { useT, type MemberT } from './i18n.js';
import { useLoad } from './hooks.js';
import { Confirm, errorText, Failure, Loading, toast } from './ui.js';

const pad = (n: number) => String(n).padStart(2, '0');

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The month's days as weeks from Monday; blanks before the 1st. */
function weeksOf(month: string): (string | null)[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1));
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= count; d++) cells.push(`${month}-${pad(d)}`);
  while (cells.length % 7) cells.push(null);
  return cells;
}

function successText(t: MemberT, streak: number, points: number | null) {
  return points ? t('checkIn.successPoints', { n: streak, points }) : t('checkIn.success', { n: streak });
}

/** 签到: the button, the month with its checked days, make-ups with the cards left, the streak rewards. */
export function CheckInTab({ onChanged }: { onChanged: () => void }) {
  const { t } = useT();
  const [month, setMonth] = useState<string | undefined>();
  const { data, error, loading, reload } = useLoad(() => memberApi.calendar(month), [month]);
  const [busy, setBusy] = useState(false);
  const [makeUpDay, setMakeUpDay] = useState<string | null>(null);

  if (error && !data) return <Failure error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const cal: Calendar = data;
  const checked = new Map(cal.days.map((d) => [d.day, d.source]));
  const makeable = new Set(cal.cards > 0 ? cal.makeUp.days : []);
  const [year, mon] = cal.month.split('-');
  const thisMonth = cal.today.slice(0, 7);

  const checkIn = async () => {
    setBusy(true);
    try {
      const r = await memberApi.checkIn();
      toast(r.created ? successText(t, r.streak, r.checkIn.points) : t('checkIn.already'));
      setMonth(undefined);
      reload();
      onChanged();
    } catch (e) {
      toast(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const makeUp = async () => {
    if (!makeUpDay) return;
    setBusy(true);
    try {
      await memberApi.makeUp(makeUpDay);
      toast(t('checkIn.makeUpDone', { day: makeUpDay }));
      setMakeUpDay(null);
      reload();
      onChanged();
    } catch (e) {
      toast(errorText(e));
      setMakeUpDay(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <div className="m-card m-hero">
        <div className="m-stats">
          <div><div className="m-muted">{t('checkIn.streak')}</div><div className="m-mid" data-testid="m-streak">{t('checkIn.days', { n: cal.streak })}</div></div>
          <div><div className="m-muted">{t('checkIn.total')}</div><div className="m-mid">{t('checkIn.days', { n: cal.totalDays })}</div></div>
          <div><div className="m-muted">{t('checkIn.cards')}</div><div className="m-mid" data-testid="m-cards">{cal.cards}</div></div>
        </div>
        {!cal.enabled ? <p className="m-muted">{t('checkIn.off')}</p> : (
          <button type="button" className="m-btn m-btn-big" disabled={busy || cal.checkedInToday} onClick={checkIn} data-testid="m-check-in">
            {cal.checkedInToday ? t('checkIn.done') : t('checkIn.button')}
          </button>
        )}
      </div>

      <div className="m-card">
        <div className="m-month">
          <button type="button" className="m-icon" aria-label={t('checkIn.prev')} onClick={() => setMonth(shiftMonth(cal.month, -1))} disabled={loading}>‹</button>
          <strong>{t('checkIn.monthTitle', { year: year!, month: Number(mon) })}</strong>
          <button type="button" className="m-icon" aria-label={t('checkIn.next')} onClick={() => setMonth(shiftMonth(cal.month, 1))} disabled={loading || cal.month >= thisMonth}>›</button>
        </div>
        <div className="m-cal" role="grid">
          {t('checkIn.weekdays').split(',').map((w) => <div key={w} className="m-cal-head">{w}</div>)}
          {weeksOf(cal.month).map((day, i) => {
            if (!day) return <div key={`blank-${i}`} />;
            const source = checked.get(day);
            const canFill = cal.enabled && makeable.has(day);
            const cls = ['m-day', source ? (source === 'make_up' ? 'm-day-made' : 'm-day-on') : '', day === cal.today ? 'm-day-today' : '', canFill ? 'm-day-fill' : ''].join(' ');
            return (
              <button key={day} type="button" className={cls} disabled={!canFill || busy} onClick={() => setMakeUpDay(day)}
                data-day={day} data-checked={source ? 'true' : 'false'} aria-label={day}>
                {Number(day.slice(8))}
                {canFill && <span className="m-fill-mark">{t('checkIn.fillMark')}</span>}
              </button>
            );
          })}
        </div>
        {cal.enabled && cal.makeUp.perMonth > 0 && (
          <p className="m-muted m-small">{cal.cards > 0 ? `${t('checkIn.makeUpHint')} · ${t('checkIn.cardsLeft', { n: cal.cards })}` : t('checkIn.makeUpNoCards')}</p>
        )}
      </div>

      {cal.milestones.length > 0 && (
        <div className="m-card">
          <h2 className="m-h2">{t('checkIn.milestones')}</h2>
          <ul className="m-list">
            {cal.milestones.map((m) => (
              <li key={m.days} className="m-row">
                <span>{t('checkIn.milestone', { days: m.days })}</span>
                <span className={m.reached ? 'm-plus' : 'm-muted'}>
                  {[m.points ? `+${m.points}` : '', m.cards ? `${t('checkIn.cards')} ×${m.cards}` : ''].filter(Boolean).join(' · ')}
                  {m.reached ? ` ✓ ${t('checkIn.reached')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {makeUpDay && (
        <Confirm title={t('checkIn.cards')} busy={busy} onConfirm={makeUp} onCancel={() => setMakeUpDay(null)}>
          {t('checkIn.makeUpConfirm', { day: makeUpDay })}
        </Confirm>
      )}
    </section>
  );
}
