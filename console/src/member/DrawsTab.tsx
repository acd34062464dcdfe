import { useState } from 'react';
import { memberApi, newKey, type DrawEntry, type MemberDraw, type Me, type Verification } from './api.js';
import { useT, type MemberT } from './i18n.js';
import { useLoad } from './hooks.js';
import { Confirm, errorText, Failure, Loading, toast, when } from './ui.js';

function refusalText(t: MemberT, d: MemberDraw): string {
  const r = d.eligibility.reason;
  if (!r) return '';
  return r === 'check_in_days' ? t('refusal.check_in_days', { n: d.minCheckInDays, have: d.eligibility.checkInDays }) : t(`refusal.${r}`);
}

function resultText(t: MemberT, e: DrawEntry): string {
  if (e.prizeKind === 'thanks') return t('draws.thanks');
  return e.prizeKind === 'points' ? t('draws.wonPoints', { prize: e.prizeName }) : t('draws.won', { prize: e.prizeName });
}

/** 抽奖: the open draws, a draw (confirmed when it costs points), the member's draws and the fairness check. */
export function DrawsTab({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const { t, lang } = useT();
  const { data, error, reload } = useLoad(() => memberApi.draws(), []);
  // One key per confirmation, so a double tap or a retry draws once.
  const [pending, setPending] = useState<{ draw: MemberDraw; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DrawEntry | null>(null);
  const [verifying, setVerifying] = useState<Verification | null>(null);

  const draw = async (d: MemberDraw, key: string) => {
    setBusy(true);
    try {
      const r = await memberApi.draw(d.id, key);
      setResult(r);
      reload();
      onChanged();
    } catch (e) {
      toast(errorText(e));
      reload();
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  const start = (d: MemberDraw) => {
    const key = newKey();
    if (d.pointsCost > 0) setPending({ draw: d, key });
    else void draw(d, key);
  };
  const verify = async (drawId: string) => {
    try {
      setVerifying(await memberApi.verification(drawId));
    } catch (e) {
      toast(errorText(e));
    }
  };

  if (error && !data) return <Failure error={error} onRetry={reload} />;
  if (!data) return <Loading />;
  const names = new Map(data.draws.map((d) => [d.id, d.name]));
  return (
    <section>
      {data.draws.length === 0 && <p className="m-muted m-center">{t('draws.empty')}</p>}
      {data.draws.map((d) => (
        <div key={d.id} className="m-card" data-testid={`m-draw-${d.name}`}>
          <div className="m-row m-row-flat"><strong>{d.name}</strong><span className="m-muted m-small">{t('draws.ends', { date: when(d.endsAt, me.workspace.timeZone, lang) })}</span></div>
          {d.description && <p className="m-muted m-small">{d.description}</p>}
          <div className="m-small">{t('draws.prizes')}: {d.prizes.map((p) => p.name).join(' / ')}</div>
          <div className="m-small m-muted">
            {d.pointsCost > 0 ? t('draws.cost', { n: d.pointsCost }) : t('draws.free')}
            {d.unit === 'day' ? ` · ${t('draws.perDay')}` : ''} · {t('draws.left', { n: d.eligibility.remainingUnits })}
          </div>
          <button type="button" className="m-btn m-block" disabled={!d.eligibility.eligible || busy} onClick={() => start(d)}>
            {d.eligibility.eligible ? t('draws.button') : refusalText(t, d)}
          </button>
          <button type="button" className="m-link" onClick={() => verify(d.id)}>{t('draws.verify')}</button>
        </div>
      ))}

      <h2 className="m-h2">{t('draws.mine')}</h2>
      {data.entries.length === 0 && <p className="m-muted m-center">{t('draws.mineEmpty')}</p>}
      <ul className="m-list">
        {data.entries.map((e) => (
          <li key={e.id} className="m-row">
            <div>
              <div>{e.prizeKind === 'thanks' ? t('draws.thanks') : e.prizeName}</div>
              <div className="m-muted m-small">
                {names.get(e.drawId) ?? ''} · {when(e.createdAt, me.workspace.timeZone, lang)}{e.awardStatus ? ` · ${t(`draws.award.${e.awardStatus}`)}` : ''}
              </div>
            </div>
            <button type="button" className="m-link" onClick={() => verify(e.drawId)}>{t('draws.verify')}</button>
          </li>
        ))}
      </ul>

      {pending && (
        <Confirm title={pending.draw.name} busy={busy} onConfirm={() => draw(pending.draw, pending.key)} onCancel={() => setPending(null)}>
          {t('draws.confirm', { n: pending.draw.pointsCost })}
        </Confirm>
      )}
      {result && (
        <Confirm title={result.prizeKind === 'thanks' ? '🍀' : '🎉'} busy={false} onConfirm={() => setResult(null)} onCancel={() => setResult(null)}>
          <p className="m-center" data-testid="m-draw-result">{resultText(t, result)}</p>
        </Confirm>
      )}
      {verifying && (
        <Confirm title={`${t('draws.verify')} · ${verifying.name}`} busy={false} onConfirm={() => setVerifying(null)} onCancel={() => setVerifying(null)}>
          <p className="m-small">{t('draws.commitment')}<br /><code className="m-code">{verifying.commitment ?? '—'}</code></p>
          <p className="m-small">{t('draws.seed')}<br />{verifying.seed ? <code className="m-code">{verifying.seed}</code> : <span className="m-muted">{t('draws.seedLater')}</span>}</p>
          <ul className="m-list">
            {verifying.entries.map((e) => (
              <li key={e.id} className="m-row m-small">
                <span>{e.prizeName} · #{e.roll}</span>
                <span className={e.valid === true ? 'm-plus' : e.valid === false ? 'm-bad' : 'm-muted'}>
                  {e.valid === true ? t('draws.valid') : e.valid === false ? t('draws.invalid') : t('draws.pendingCheck')}
                </span>
              </li>
            ))}
          </ul>
          <p className="m-muted m-small">{verifying.algorithm}</p>
        </Confirm>
      )}
    </section>
  );
}
