import { useState } from 'react';
import { newKey } from './api.js';
import { useLoad } from './hooks.js';
import { useT } from './i18n.js';
import { shopApi, yuan, type Session } from './shopApi.js';
import { countdown, PayButton, refusalText, useNow } from './PaySheet.js';
import { Failure, Loading } from './ui.js';

const ADMIT_WORDS = { memberId: 'flash.limit', quantity: 'flash.limit', skuId: 'flash.soldOut', startsAt: 'flash.notYet', endsAt: 'flash.over', enabled: 'flash.over' } as const;

/** 秒杀: live sessions to buy from, and upcoming ones counting down (pre-heat). */
export function FlashSaleView({ onOrders }: { onOrders: () => void }) {
  const { t } = useT();
  const data = useLoad(() => shopApi.flashSales(), []);
  if (data.error) return <Failure error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  if (!data.data.items.length) return <p className="m-muted m-center">{t('flash.none')}</p>;
  return <section>{data.data.items.map((s) => <SessionCard key={s.id} session={s} onChanged={data.reload} onOrders={onOrders} />)}</section>;
}

function SessionCard({ session: s, onChanged, onOrders }: { session: Session; onChanged: () => void; onOrders: () => void }) {
  const { t } = useT();
  const now = useNow();
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [placed, setPlaced] = useState<{ orderId: string; totalCents: number } | null>(null);
  // Pre-heat turns live on the phone's clock when the countdown runs out; the server checks the window again.
  const live = new Date(s.startsAt).getTime() <= now && now < new Date(s.endsAt).getTime();
  const limitReached = s.bought >= s.perMemberLimit;

  const buy = async (skuId: string) => {
    setBusy(skuId);
    setProblem('');
    try {
      const r = await shopApi.flashBuy(s.id, skuId, 1, newKey());
      setPlaced({ orderId: r.orderId, totalCents: r.totalCents });
      onChanged();
    } catch (e) {
      setProblem(refusalText(t, e, ADMIT_WORDS));
      onChanged();
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="m-card" data-testid={`m-session-${s.name}`}>
      <div className="m-row m-row-flat">
        <strong>{s.name}</strong>
        <span className={live ? 'm-bad' : 'm-muted'}>{live ? t('flash.live') : t('flash.upcoming')}</span>
      </div>
      <div className="m-small m-muted">
        {live ? t('flash.endsIn', { left: countdown(t, s.endsAt, now) }) : t('flash.startsIn', { left: countdown(t, s.startsAt, now) || '0' })}
        {' · '}{t('flash.limitOf', { n: s.perMemberLimit, bought: s.bought })}
      </div>
      <ul className="m-list">
        {s.items.map((i) => (
          <li key={i.skuId} className="m-row">
            <div>
              <div>{i.productName} · {i.skuName}</div>
              <div><span className="m-cost">{yuan(i.salePriceCents)}</span> <s className="m-muted m-small">{yuan(i.priceCents)}</s></div>
              <div className="m-muted m-small">{i.left ? t('flash.left', { n: i.left }) : t('flash.soldOut')}</div>
            </div>
            <button type="button" className="m-btn" disabled={!live || !i.left || limitReached || busy !== null} onClick={() => buy(i.skuId)} data-testid={`m-flash-buy-${i.skuName}`}>
              {!i.left ? t('flash.soldOut') : limitReached ? t('flash.limitShort') : t('flash.buy')}
            </button>
          </li>
        ))}
      </ul>
      {problem && <p className="m-bad m-small" data-testid="m-flash-problem">{problem}</p>}
      {placed && (
        <div>
          <p className="m-small">{t('flash.placed')}</p>
          <PayButton order={{ id: placed.orderId, totalCents: placed.totalCents }} onPaid={onOrders} block />
        </div>
      )}
    </div>
  );
}
