import { useEffect, useState } from 'react';
import { memberApi, type Entry, type Me } from './api.js';
import { reasonWord, useT } from './i18n.js';
import { errorText, Failure, when } from './ui.js';

/** 我的积分: the balance and the history, newest first, twenty at a time. */
export function PointsTab({ me }: { me: Me }) {
  const { t, lang } = useT();
  const [items, setItems] = useState<Entry[]>([]);
  const [page, setPage] = useState(1);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    memberApi.points(page).then((p) => {
      if (!live) return;
      setItems((old) => (page === 1 ? p.items : [...old, ...p.items]));
      setTotal(p.total);
      setError(null);
    }, (e: Error) => live && setError(e)).finally(() => live && setLoading(false));
    return () => { live = false; };
  }, [page, me.balance]);

  return (
    <section>
      <div className="m-card m-hero">
        <div className="m-muted">{t('points.balance')}</div>
        <div className="m-big" data-testid="m-balance">{me.balance}</div>
      </div>
      <h2 className="m-h2">{t('points.history')}</h2>
      {error && <Failure error={new Error(errorText(error))} onRetry={() => setPage(1)} />}
      {!loading && !error && items.length === 0 && <p className="m-muted m-center">{t('points.empty')}</p>}
      <ul className="m-list" data-testid="m-history">
        {items.map((e) => (
          <li key={e.id} className="m-row">
            <div>
              <div>{reasonWord(t, e.reason)}{e.note ? ` · ${e.note}` : ''}</div>
              <div className="m-muted m-small">
                {when(e.createdAt, me.workspace.timeZone, lang)}
                {e.kind === 'earn' && e.expiresAt && (e.remaining ?? 0) > 0 ? ` · ${t('points.expires', { date: when(e.expiresAt, me.workspace.timeZone, lang) })}` : ''}
              </div>
            </div>
            <div className={e.amount > 0 ? 'm-plus' : 'm-minus'}>{e.amount > 0 ? `+${e.amount}` : e.amount}</div>
          </li>
        ))}
      </ul>
      {items.length < total && (
        <button type="button" className="m-btn m-btn-plain m-block" disabled={loading} onClick={() => setPage((p) => p + 1)}>{t('points.more')}</button>
      )}
    </section>
  );
}
