import { useEffect, useState } from 'react';
import { ApiError } from './api.js';
import { useT, type MemberKey, type MemberT } from './i18n.js';
import { shopApi, yuan, type MemberOrder } from './shopApi.js';
import { Confirm, errorText, toast } from './ui.js';

/** The time now, ticking every `ms`, for countdowns. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** 1天 02:03:04 left until `iso`; empty once it has passed. */
export function countdown(t: MemberT, iso: string, now: number): string {
  const s = Math.max(0, Math.floor((new Date(iso).getTime() - now) / 1000));
  if (!s) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = `${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  return s >= 86400 ? t('shop.daysClock', { days: Math.floor(s / 86400), clock }) : clock;
}

/** A refusal in the member's words when the field it names has one; the server's message otherwise. */
export function refusalText(t: MemberT, e: unknown, words: Record<string, MemberKey>): string {
  const key = e instanceof ApiError && e.field ? words[e.field] : undefined;
  return key ? t(key) : errorText(e);
}

export const orderStatusWord = (t: MemberT, s: MemberOrder['status']) => t(`orders.s.${s}` as MemberKey);

/**
 * Paying an unpaid order. The sandbox moves no money: the sheet plays the payment page, and the order is paid
 * when the provider's signed notification has been applied, which this waits for.
 */
export function PayButton({ order, onPaid, block }: { order: Pick<MemberOrder, 'id' | 'totalCents'>; onPaid: () => void; block?: boolean }) {
  const { t } = useT();
  const [payment, setPayment] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    try {
      setPayment((await shopApi.pay(order.id)).id);
    } catch (e) {
      toast(refusalText(t, e, { status: 'orders.notUnpaid' }));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!payment) return;
    setBusy(true);
    try {
      await shopApi.sandboxPay(order.id, payment);
      // The notification comes a moment later (the payments.sandbox job); wait for the order to turn paid.
      for (let i = 0; i < 40; i++) {
        await new Promise((r) => setTimeout(r, 750));
        const o = await shopApi.order(order.id);
        if (o.status !== 'created') break;
      }
      toast(t('pay.done'));
      setPayment(null);
      onPaid();
    } catch (e) {
      toast(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={block ? 'm-btn m-block' : 'm-btn'} disabled={busy} onClick={start} data-testid={`m-pay-${order.id}`}>
        {t('pay.pay', { amount: yuan(order.totalCents) })}
      </button>
      {payment && (
        <Confirm title={t('pay.title')} busy={busy} onConfirm={confirm} onCancel={() => setPayment(null)}>
          <p className="m-center m-mid">{yuan(order.totalCents)}</p>
          <p className="m-muted m-small">{busy ? t('pay.waiting') : t('pay.sandbox')}</p>
        </Confirm>
      )}
    </>
  );
}
