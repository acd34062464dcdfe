import { useEffect, useState } from 'react';
import type { Me } from './api.js';
import { useT, type MemberKey } from './i18n.js';
import { shopApi, yuan, type MemberOrder } from './shopApi.js';
import { countdown, orderStatusWord, PayButton, refusalText, useNow } from './PaySheet.js';
import { Confirm, Failure, toast, when } from './ui.js';

/** 我的订单: the member's orders, newest first, ten at a time; an unpaid one can be paid or cancelled. */
export function OrdersView({ me }: { me: Me }) {
  const { t, lang } = useT();
  const now = useNow();
  const [items, setItems] = useState<MemberOrder[]>([]);
  const [page, setPage] = useState(1);
  const [total, setTotal] = useState(0);
  const [tick, setTick] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const [cancelling, setCancelling] = useState<MemberOrder | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    shopApi.orders(page).then((p) => {
      if (!live) return;
      setItems((old) => (page === 1 ? p.items : [...old, ...p.items]));
      setTotal(p.total);
      setError(null);
    }, (e: Error) => live && setError(e));
    return () => { live = false; };
  }, [page, tick]);
  const reload = () => { setPage(1); setTick((n) => n + 1); };

  const cancel = async () => {
    if (!cancelling) return;
    setBusy(true);
    try {
      await shopApi.cancel(cancelling.id);
      toast(t('orders.cancelled'));
      reload();
    } catch (e) {
      toast(refusalText(t, e, { status: 'orders.notUnpaid' }));
    } finally {
      setBusy(false);
      setCancelling(null);
    }
  };
  const kind = (o: MemberOrder) => o.discounts.find((d) => d.source === 'group_buy' || d.source === 'flash_sale')?.source;

  if (error) return <Failure error={error} onRetry={reload} />;
  return (
    <section data-testid="m-orders">
      {!items.length && <p className="m-muted m-center">{t('orders.empty')}</p>}
      {items.map((o) => (
        <div key={o.id} className="m-card" data-testid={`m-order-${o.id}`}>
          <div className="m-row m-row-flat">
            <span className="m-muted m-small">
              {when(o.createdAt, me.workspace.timeZone, lang)}
              {kind(o) && <span className="m-tag">{t(kind(o) === 'group_buy' ? 'orders.groupBuy' : 'orders.flashSale')}</span>}
            </span>
            <strong className={o.status === 'created' ? 'm-cost' : ''} data-testid="m-order-status">{orderStatusWord(t, o.status)}</strong>
          </div>
          {o.lines.map((l, i) => (
            <div key={i} className="m-row m-row-flat">
              <span>{l.productName} · {l.skuName} × {l.quantity}</span>
              <span>{yuan(l.lineCents)}</span>
            </div>
          ))}
          {o.discountCents > 0 && <div className="m-row m-row-flat m-small"><span>{t('orders.discount')}</span><span>−{yuan(o.discountCents)}</span></div>}
          <div className="m-row m-row-flat">
            <span>{t(o.paidCents ? 'orders.paid' : 'orders.total')}</span>
            <strong>{yuan(o.paidCents || o.totalCents)}</strong>
          </div>
          {o.refundedCents > 0 && <div className="m-row m-row-flat m-small"><span>{t('orders.refunded')}</span><span>{yuan(o.refundedCents)}</span></div>}
          {o.status === 'created' && (
            <>
              <p className="m-muted m-small">{t('orders.payWithin', { left: countdown(t, o.expiresAt, now) || '0' })}</p>
              <div className="m-dialog-actions">
                <button type="button" className="m-btn m-btn-plain" onClick={() => setCancelling(o)} data-testid={`m-cancel-${o.id}`}>{t('orders.cancel')}</button>
                <PayButton order={o} onPaid={reload} />
              </div>
            </>
          )}
          {(o.status === 'paid' || o.status === 'fulfilled') && <p className="m-muted m-small">{t('orders.refundHelp')}</p>}
        </div>
      ))}
      {items.length < total && <button type="button" className="m-btn m-btn-plain m-block" onClick={() => setPage((p) => p + 1)}>{t('orders.more')}</button>}
      {cancelling && (
        <Confirm title={t('orders.cancelTitle')} busy={busy} onConfirm={cancel} onCancel={() => setCancelling(null)}>
          <p className="m-muted">{t('orders.cancelHelp')}</p>
        </Confirm>
      )}
    </section>
  );
}

// Every status has its word: listing the keys makes the compiler check they exist.
export const ORDER_STATUS_KEYS: MemberKey[] = ['orders.s.created', 'orders.s.paid', 'orders.s.fulfilled', 'orders.s.completed', 'orders.s.cancelled', 'orders.s.refund_requested', 'orders.s.refunded'];
