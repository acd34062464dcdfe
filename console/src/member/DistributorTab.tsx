import { useState } from 'react';
import { memberApi, newKey, type DistributorCentre, type Me } from './api.js';
import { useT } from './i18n.js';
import { useLoad } from './hooks.js';
import { Confirm, errorText, Failure, Loading, toast, when } from './ui.js';

const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

const DISTRIBUTOR_POSTER = '/api/m/distribution/poster.png';

/** 分销中心: apply, then the member's code and link, what they earned (frozen and available), and withdrawing. */
export function DistributorTab({ me }: { me: Me }) {
  const { t, lang } = useT();
  const centre = useLoad(() => memberApi.distribution(), []);
  const [view, setView] = useState<DistributorCentre | null>(null);
  const [busy, setBusy] = useState(false);
  const [uplineCode, setUplineCode] = useState('');
  const [amount, setAmount] = useState('');
  const [asking, setAsking] = useState<{ cents: number; key: string } | null>(null);
  const data = view ?? centre.data;
  if (centre.error && !data) return <Failure error={new Error(errorText(centre.error))} onRetry={centre.reload} />;
  if (!data) return <Loading />;
  const d = data.distributor;
  const zone = me.workspace.timeZone;

  const run = async (what: () => Promise<DistributorCentre>, done: string) => {
    setBusy(true);
    try {
      setView(await what());
      toast(done);
      return true;
    } catch (e) {
      toast(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (!d || d.status === 'rejected') {
    return (
      <section className="m-card" data-testid="m-distribution-apply">
        <h2 className="m-h2">{t('distribution.applyTitle')}</h2>
        <p className="m-muted">{t('distribution.applyHelp')}</p>
        {d?.status === 'rejected' && <p className="m-bad">{t('distribution.rejected', { reason: d.reason ?? '' })}</p>}
        <label className="m-small">{t('distribution.uplineCode')}
          <input value={uplineCode} onChange={(e) => setUplineCode(e.target.value)} maxLength={32} data-testid="m-upline-code"
            style={{ display: 'block', width: '100%', margin: '4px 0 12px', padding: 8, fontSize: 16, boxSizing: 'border-box' }} />
        </label>
        <button type="button" className="m-btn m-block" disabled={busy} data-testid="m-apply"
          onClick={() => run(() => memberApi.applyDistributor(uplineCode.trim() || undefined), t('distribution.applied'))}>{t('distribution.apply')}</button>
      </section>
    );
  }
  if (d.status === 'pending') {
    return (
      <section className="m-card m-center" data-testid="m-distribution-pending">
        <h2 className="m-h2">{t('distribution.pendingTitle')}</h2>
        <p className="m-muted">{t('distribution.pendingHelp')}</p>
      </section>
    );
  }

  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      toast(t('distribution.copied'));
    } catch {
      toast(text);
    }
  };
  const cents = Math.round(Number(amount) * 100);
  const amountOk = Number.isFinite(cents) && cents >= data.minWithdrawalCents && cents <= d.availableCents;

  return (
    <section data-testid="m-distribution">
      <div className="m-card m-hero">
        <div className="m-muted">{t('distribution.myCode')}</div>
        <div className="m-big" data-testid="m-distribution-code">{d.code}</div>
        <button type="button" className="m-btn m-btn-plain" onClick={() => copy(d.link ?? d.code!)}>{d.link ? t('distribution.copyLink') : t('distribution.copyCode')}</button>
        {d.link && <p className="m-small m-muted"><code className="m-code">{d.link}</code></p>}
      </div>
      {d.link && d.status === 'approved' && (
        <div className="m-card">
          <img className="m-poster" src={DISTRIBUTOR_POSTER} alt={t('distribution.poster')} data-testid="m-distribution-poster" />
          <p className="m-muted m-small m-center">{t('distribution.poster')}</p>
          <a className="m-btn m-block m-center" href={DISTRIBUTOR_POSTER} download="poster.png">{t('distribution.savePoster')}</a>
        </div>
      )}
      <div className="m-card">
        <div className="m-stats">
          <div className="m-center"><div className="m-mid" data-testid="m-frozen">{yuan(d.frozenCents)}</div><div className="m-muted m-small">{t('distribution.frozen')}</div></div>
          <div className="m-center"><div className="m-mid" data-testid="m-available">{yuan(d.availableCents)}</div><div className="m-muted m-small">{t('distribution.available')}</div></div>
          <div className="m-center"><div className="m-mid">{d.customers}</div><div className="m-muted m-small">{t('distribution.customers')}</div></div>
        </div>
        <p className="m-small m-muted">{t('distribution.frozenHelp', { days: data.refundWindowDays })}</p>
        <label className="m-small">{t('distribution.amount', { min: yuan(data.minWithdrawalCents) })}
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="m-withdraw-amount"
            style={{ display: 'block', width: '100%', margin: '4px 0 12px', padding: 8, fontSize: 16, boxSizing: 'border-box' }} />
        </label>
        <button type="button" className="m-btn m-block" disabled={busy || !amountOk} data-testid="m-withdraw"
          onClick={() => setAsking({ cents, key: newKey() })}>{t('distribution.withdraw')}</button>
      </div>
      {data.withdrawals.length > 0 && <h2 className="m-h2">{t('distribution.withdrawals')}</h2>}
      <ul className="m-list">
        {data.withdrawals.map((w) => (
          <li key={w.id} className="m-row">
            <div><div>{t(`distribution.w.${w.status}`)}{w.reason ? ` · ${w.reason}` : ''}</div><div className="m-muted m-small">{when(w.requestedAt, zone, lang)}</div></div>
            <div className="m-minus">{yuan(w.amountCents)}</div>
          </li>
        ))}
      </ul>
      <h2 className="m-h2">{t('distribution.earnings')}</h2>
      {data.entries.length === 0 && <p className="m-muted m-center">{t('distribution.noEarnings')}</p>}
      <ul className="m-list" data-testid="m-earnings">
        {data.entries.map((e) => (
          <li key={e.id} className="m-row">
            <div>
              <div>{t(e.kind === 'reversal' ? 'distribution.reversal' : e.tier === 1 ? 'distribution.tier1' : 'distribution.tier2')} · {e.orderId}</div>
              <div className="m-muted m-small">
                {when(e.createdAt, zone, lang)} · {e.status === 'frozen' ? t('distribution.releases', { date: when(e.releaseAt, zone, lang) }) : t('distribution.released')}
              </div>
            </div>
            <div className={e.amountCents > 0 ? 'm-plus' : 'm-minus'}>{e.amountCents > 0 ? `+${yuan(e.amountCents)}` : `-${yuan(-e.amountCents)}`}</div>
          </li>
        ))}
      </ul>
      {asking && (
        <Confirm title={t('distribution.withdrawConfirm', { amount: yuan(asking.cents) })} busy={busy} onCancel={() => setAsking(null)}
          onConfirm={async () => {
            if (await run(() => memberApi.withdraw(asking.cents, asking.key), t('distribution.withdrawn'))) setAmount('');
            setAsking(null);
          }}>
          <p className="m-small">{t('distribution.withdrawHelp')}</p>
        </Confirm>
      )}
    </section>
  );
}
