import { useState } from 'react';
import { Button, Card, Col, Descriptions, Drawer, Row, Segmented, Space, Statistic, Tag, Typography } from 'antd';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { useRowAction } from '../RowActions.js';
import { money } from '../commerce/commerceApi.js';
import { groupLeadersApi, percent, type Leader, type LeaderOrder, type PickupFilter } from './groupLeadersApi.js';

const FILTERS: PickupFilter[] = ['waiting', 'handed_over', 'all'];

/** One leader: commission totals, the pickup point, and the orders collected, with the handed-over action on the pickup list. */
export function LeaderOrdersDrawer({ leader, editable, onClose, onChanged }: { leader: Leader | null; editable: boolean; onClose: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const [pickup, setPickup] = useState<PickupFilter>('waiting');
  const [paging, setPaging] = usePaging();
  const id = leader?.id;
  const orders = useRequest(() => (id ? groupLeadersApi.orders(id, { ...paging, pickup }) : Promise.resolve(undefined)), [id, paging.page, paging.pageSize, pickup]);
  const { busy, act } = useRowAction(() => { orders.reload(); onChanged(); });

  return (
    <Drawer open={leader !== null} width="min(920px, 100vw)" onClose={onClose} destroyOnHidden
      title={leader ? t('groupLeaders.ordersOf', { name: leader.memberName ?? leader.memberId, community: leader.communityName }) : ''}>
      {leader && (
        <>
          <Row gutter={12} style={{ marginBottom: 16 }}>
            <Col span={6}><Card size="small"><Statistic title={t('groupLeaders.frozen')} value={money(leader.frozenCents)} /></Card></Col>
            <Col span={6}><Card size="small"><Statistic title={t('groupLeaders.available')} value={money(leader.availableCents)} /></Card></Col>
            <Col span={6}><Card size="small"><Statistic title={t('groupLeaders.reversed')} value={money(leader.reversedCents)} /></Card></Col>
            <Col span={6}><Card size="small"><Statistic title={t('groupLeaders.toHandOver')} value={leader.toHandOver} suffix={`/ ${leader.orders}`} /></Card></Col>
          </Row>
          <Descriptions size="small" column={2} style={{ marginBottom: 16 }} items={[
            { key: 'point', label: t('groupLeaders.pickupName'), children: leader.pickupName },
            { key: 'phone', label: t('groupLeaders.pickupPhone'), children: leader.pickupPhone },
            { key: 'address', label: t('groupLeaders.pickupAddress'), children: leader.pickupAddress },
            { key: 'hours', label: t('groupLeaders.pickupHours'), children: leader.pickupHours || '—' },
            { key: 'rate', label: t('groupLeaders.rate'), children: percent(leader.commissionBps) },
          ]} />
          <Typography.Paragraph type="secondary">{t('groupLeaders.commissionHelp')}</Typography.Paragraph>
          <Segmented<PickupFilter> value={pickup} style={{ marginBottom: 12 }} data-testid="leader-orders-filter"
            onChange={(v) => { setPickup(v); setPaging({ ...paging, page: 1 }); }}
            options={FILTERS.map((f) => ({ value: f, label: t(`groupLeaders.pickup.${f}`) }))} />
          {orders.error && <RequestError error={orders.error} onRetry={orders.reload} />}
          <PagedTable<LeaderOrder> rowKey="orderId" size="small" data={orders.data} paging={paging} onPaging={setPaging} loading={orders.loading}
            locale={{ emptyText: t('groupLeaders.noOrders') }} scroll={{ x: 'max-content' }} data-testid="leader-orders-table"
            columns={[
              { title: t('groupLeaders.buyer'), key: 'buyer', render: (_: unknown, o) => o.buyerName ?? o.buyerMemberId },
              { title: t('groupLeaders.items'), key: 'items', render: (_: unknown, o) => (
                <Space direction="vertical" size={0}>{o.lines.map((l, i) => <span key={i}>{`${l.productName} · ${l.skuName} × ${l.quantity}`}</span>)}</Space>
              ) },
              { title: t('groupLeaders.paid'), key: 'paid', render: (_: unknown, o) => (
                <Space direction="vertical" size={0}>
                  <span>{money(o.paidCents)}</span>
                  {o.refundedCents > 0 && <Typography.Text type="secondary">{t('groupLeaders.refundedAmount', { amount: money(o.refundedCents) })}</Typography.Text>}
                </Space>
              ) },
              { title: t('groupLeaders.commission'), key: 'commission', render: (_: unknown, o) => (
                o.reversedCents > 0 ? `${money(o.commissionCents - o.reversedCents)}（${money(o.commissionCents)} − ${money(o.reversedCents)}）` : money(o.commissionCents)
              ) },
              { title: t('groupLeaders.orderStatus'), dataIndex: 'orderStatus', render: (s: LeaderOrder['orderStatus']) => t(`commerce.order.${s}`) },
              { title: t('groupLeaders.paidAt'), dataIndex: 'paidAt', render: (v: string) => formatTime(v) },
              { title: t('groupLeaders.handedOver'), key: 'handedOver', render: (_: unknown, o) => {
                if (o.handedOverAt) return <Tag color="success">{formatTime(o.handedOverAt)}</Tag>;
                const closed = o.orderStatus === 'refunded' || o.orderStatus === 'refund_requested';
                if (!editable || closed) return '—';
                return (
                  <Button size="small" type="primary" loading={busy === o.orderId} data-testid={`hand-over-${o.orderId}`}
                    onClick={() => act(o.orderId, () => groupLeadersApi.handOver(leader.id, o.orderId), t('groupLeaders.handedOverDone'))}>
                    {t('groupLeaders.handOver')}
                  </Button>
                );
              } },
            ]} />
        </>
      )}
    </Drawer>
  );
}
