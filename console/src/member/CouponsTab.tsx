import { useEffect, useState } from 'react';
import { memberApi, type Me, type MemberCoupon } from './api.js';
import { useT, type MemberKey } from './i18n.js';
import { errorText, Failure, when } from './ui.js';

type State = MemberCoupon['state'];
const STATES: State[] = ['active', 'used', 'expired'];
const yuan = (cents: number) => (cents / 100).toFixed(2);

/** 我的优惠券: the member's coupons by state (active, used, expired), newest first, twenty at a time. */
export function CouponsTab({ me }: { me: Me }) {
  const { t, lang } = useT();
  const [state, setState] = useState<State>('active');
  const [items, setItems] = useState<MemberCoupon[]>([]);
  const [page, setPage] = useState(1);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let live = true;
    setLoading(true);
    memberApi.coupons(state, page).then((p) => {
      if (!live) return;
      setItems((old) => (page === 1 ? p.items : [...old, ...p.items]));
      setTotal(p.total);
      setError(null);
    }, (e: Error) => live && setError(e)).finally(() => live && setLoading(false));
    return () => { live = false; };
  }, [state, page]);

  const pick = (s: State) => {
    setState(s);
    setPage(1);
    setItems([]);
  };
  const value = (c: MemberCoupon) => (c.kind === 'percentage' ? t('coupons.percent', { n: c.percentOff ?? 0 }) : `¥${yuan(c.amountOffCents ?? 0)}`);
  const rule = (c: MemberCoupon) => [
    c.minSpendCents > 0 ? t('coupons.min', { min: yuan(c.minSpendCents) }) : t('coupons.noMin'),
    c.maxDiscountCents !== null ? t('coupons.cap', { cap: yuan(c.maxDiscountCents) }) : '',
  ].filter(Boolean).join(' · ');

  return (
    <section>
      <div className="m-card m-hero-row" role="tablist">
        {STATES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={s === state} className={s === state ? 'm-btn' : 'm-btn m-btn-plain'}
            onClick={() => pick(s)} data-testid={`m-coupons-${s}`}>
            {t(`coupons.${s}` as MemberKey)}
          </button>
        ))}
      </div>
      {error && <Failure error={new Error(errorText(error))} onRetry={() => setPage(1)} />}
      {!loading && !error && items.length === 0 && <p className="m-muted m-center">{t('coupons.empty')}</p>}
      <ul className="m-list" data-testid="m-coupons">
        {items.map((c) => (
          <li key={c.id} className="m-row" data-testid={`m-coupon-${c.code}`}>
            <div>
              <div><strong>{c.couponName}</strong></div>
              <div className="m-muted m-small">{rule(c)}</div>
              <div className="m-muted m-small">
                {c.state === 'used' && c.usedAt ? t('coupons.usedAt', { date: when(c.usedAt, me.workspace.timeZone, lang) })
                  : t('coupons.validity', { from: when(c.validFrom, me.workspace.timeZone, lang), until: when(c.validUntil, me.workspace.timeZone, lang) })}
              </div>
              <div className="m-small">{t('coupons.code', { code: c.code })}</div>
            </div>
            <div className={c.state === 'active' ? 'm-plus' : 'm-muted'}>{value(c)}</div>
          </li>
        ))}
      </ul>
      {items.length < total && (
        <button type="button" className="m-btn m-btn-plain m-block" disabled={loading} onClick={() => setPage((p) => p + 1)}>{t('coupons.more')}</button>
      )}
    </section>
  );
}
