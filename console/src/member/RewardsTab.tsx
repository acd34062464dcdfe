import { useState } from 'react';
import { memberApi, newKey, type Me, type Reward } from './api.js';
import { useT } from './i18n.js';
import { useLoad } from './hooks.js';
import { Confirm, errorText, Failure, Loading, toast, when } from './ui.js';

/** 积分商城: the catalogue, a confirmed redemption, and the member's own redemptions. */
export function RewardsTab({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const { t, lang } = useT();
  const catalogue = useLoad(() => memberApi.rewards(), []);
  const mine = useLoad(() => memberApi.redemptions(), []);
  // One idempotency key per opened confirmation: a double tap on 确定 or a retry redeems once.
  const [pending, setPending] = useState<{ reward: Reward; key: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const balance = catalogue.data?.balance ?? me.balance;
  const redeem = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      await memberApi.redeem(pending.reward.id, pending.key);
      toast(t('rewards.done'));
      setPending(null);
      catalogue.reload();
      mine.reload();
      onChanged();
    } catch (e) {
      toast(errorText(e));
      setPending(null);
      catalogue.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <div className="m-card m-hero m-hero-row">
        <span className="m-muted">{t('points.balance')}</span>
        <span className="m-mid" data-testid="m-shop-balance">{balance}</span>
      </div>
      {catalogue.error && <Failure error={catalogue.error} onRetry={catalogue.reload} />}
      {!catalogue.data && !catalogue.error && <Loading />}
      {catalogue.data?.items.length === 0 && <p className="m-muted m-center">{t('rewards.empty')}</p>}
      <ul className="m-grid">
        {catalogue.data?.items.map((r) => {
          const soldOut = r.stock === 0;
          const short = balance < r.costPoints;
          return (
            <li key={r.id} className="m-card m-reward" data-testid={`m-reward-${r.name}`}>
              <div className="m-tag">{t(`kind.${r.kind}`)}</div>
              <strong>{r.name}</strong>
              {r.description && <p className="m-muted m-small">{r.description}</p>}
              <div className="m-reward-foot">
                <span className="m-cost">{t('rewards.cost', { n: r.costPoints })}</span>
                {r.stock !== null && !soldOut && <span className="m-muted m-small">{t('rewards.stock', { n: r.stock })}</span>}
              </div>
              <button type="button" className="m-btn m-block" disabled={soldOut || short || busy} onClick={() => setPending({ reward: r, key: newKey() })}>
                {soldOut ? t('rewards.soldOut') : short ? t('rewards.notEnough') : t('rewards.redeem')}
              </button>
            </li>
          );
        })}
      </ul>

      <h2 className="m-h2">{t('rewards.mine')}</h2>
      {mine.error && <Failure error={mine.error} onRetry={mine.reload} />}
      {mine.data?.items.length === 0 && <p className="m-muted m-center">{t('rewards.mineEmpty')}</p>}
      <ul className="m-list" data-testid="m-redemptions">
        {mine.data?.items.map((d) => (
          <li key={d.id} className="m-row">
            <div>
              <div>{d.rewardName}</div>
              <div className="m-muted m-small">{when(d.createdAt, me.workspace.timeZone, lang)} · {t(`status.${d.status}`)}</div>
            </div>
            <div className="m-minus">-{d.costPoints}</div>
          </li>
        ))}
      </ul>

      {pending && (
        <Confirm title={t('rewards.confirmTitle')} busy={busy} onConfirm={redeem} onCancel={() => setPending(null)}>
          {t('rewards.confirmText', { cost: pending.reward.costPoints, name: pending.reward.name, after: balance - pending.reward.costPoints })}
        </Confirm>
      )}
    </section>
  );
}
