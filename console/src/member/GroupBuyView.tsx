import { useState, type ReactNode } from 'react';
import { newKey } from './api.js';
import { useLoad } from './hooks.js';
import { useT, type MemberKey } from './i18n.js';
import { groupShareLink, sharedGroup, shopApi, yuan, type Group } from './shopApi.js';
import { countdown, PayButton, refusalText, useNow } from './PaySheet.js';
import { Failure, Loading, toast } from './ui.js';

const SEAT_WORDS = { memberId: 'group.ownOrTwice', groupId: 'group.closed', quantity: 'shop.short', dealId: 'group.dealOff', validFrom: 'group.dealOff', validUntil: 'group.dealOff' } as const;

/** 拼团: the group a share link points at, the deals to open a group on, and the member's own groups. */
export function GroupBuyView() {
  const { t } = useT();
  const data = useLoad(() => shopApi.groupBuy(), []);
  const shared = sharedGroup();
  const [busy, setBusy] = useState(false);

  const open = async (dealId: string) => {
    setBusy(true);
    try {
      await shopApi.openGroup(dealId, newKey());
      toast(t('group.opened'));
      data.reload();
    } catch (e) {
      toast(refusalText(t, e, SEAT_WORDS));
    } finally {
      setBusy(false);
    }
  };

  if (data.error) return <Failure error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { deals, groups } = data.data;
  return (
    <section>
      {shared && <SharedGroup id={shared} onChanged={data.reload} />}
      <h2 className="m-h2">{t('group.deals')}</h2>
      {!deals.length && <p className="m-muted m-center">{t('group.noDeals')}</p>}
      {deals.map((d) => (
        <div key={d.id} className="m-card" data-testid={`m-deal-${d.name}`}>
          <strong>{d.name}</strong>
          <div className="m-muted m-small">{d.productName} · {d.skuName}</div>
          <div className="m-row m-row-flat">
            <span><span className="m-cost">{yuan(d.groupPriceCents)}</span> <s className="m-muted m-small">{yuan(d.priceCents)}</s></span>
            <span className="m-small">{t('group.terms', { size: d.groupSize, hours: d.windowHours })}</span>
          </div>
          <button type="button" className="m-btn m-block" disabled={busy} onClick={() => open(d.id)} data-testid={`m-open-${d.name}`}>{t('group.open')}</button>
        </div>
      ))}
      {groups.length > 0 && <h2 className="m-h2">{t('group.mine')}</h2>}
      {groups.map((g) => <GroupCard key={g.id} group={g} onChanged={data.reload} />)}
    </section>
  );
}

/** The group of the link this page was opened with: join it, or see how it is going. */
function SharedGroup({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useT();
  const group = useLoad(() => shopApi.group(id), [id]);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newKey);
  const join = async () => {
    setBusy(true);
    try {
      await shopApi.joinGroup(id, key);
      toast(t('group.joined'));
      group.reload();
      onChanged();
    } catch (e) {
      toast(refusalText(t, e, SEAT_WORDS));
    } finally {
      setBusy(false);
    }
  };
  if (group.error) return <Failure error={group.error} />;
  if (!group.data) return <Loading />;
  const g = group.data;
  const canJoin = !g.mine && g.status === 'open' && g.seatsTaken < g.size && !g.members.some((m) => m.you);
  return (
    <GroupCard group={g} onChanged={() => { group.reload(); onChanged(); }} shared>
      {canJoin && <button type="button" className="m-btn m-block" disabled={busy} onClick={join} data-testid="m-join">{t('group.join', { price: yuan(g.groupPriceCents) })}</button>}
    </GroupCard>
  );
}

function GroupCard({ group: g, onChanged, shared, children }: { group: Group; onChanged: () => void; shared?: boolean; children?: ReactNode }) {
  const { t } = useT();
  const now = useNow();
  const left = countdown(t, g.expiresAt, now);
  const share = async () => {
    const link = groupShareLink(g.id);
    try {
      await navigator.clipboard.writeText(link);
      toast(t('group.copied'));
    } catch {
      toast(link);
    }
  };
  return (
    <div className="m-card" data-testid={shared ? 'm-shared-group' : `m-group-${g.id}`}>
      <div className="m-row m-row-flat">
        <strong>{g.dealName}</strong>
        <span className={g.status === 'open' ? 'm-plus' : 'm-muted'} data-testid="m-group-status">{t(`group.s.${g.status}` as MemberKey)}</span>
      </div>
      <div className="m-muted m-small">{g.productName} · {g.skuName} · {yuan(g.groupPriceCents)}</div>
      <div className="m-bar"><div style={{ width: `${Math.min(100, (g.paidCount / g.size) * 100)}%` }} /></div>
      <div className="m-small" data-testid="m-group-progress">
        {t('group.progress', { taken: g.seatsTaken, size: g.size, paid: g.paidCount })}
        {g.status === 'open' && left ? ` · ${t('group.left', { left })}` : ''}
      </div>
      <div className="m-small m-muted">
        {g.members.map((m, i) => (
          <span key={i} className={m.released ? 'm-muted' : ''}>
            {i ? '、' : ''}{m.name}{m.you ? t('group.you') : ''}{m.role === 'opener' ? t('group.opener') : ''}{m.paid ? ' ✓' : ''}
          </span>
        ))}
      </div>
      {g.mine?.orderStatus === 'created' && g.status === 'open' && <PayButton order={{ id: g.mine.orderId, totalCents: g.groupPriceCents }} onPaid={onChanged} block />}
      {g.mine && g.status === 'open' && <button type="button" className="m-btn m-btn-plain m-block" onClick={share} data-testid="m-share-group">{t('group.share')}</button>}
      {children}
    </div>
  );
}
