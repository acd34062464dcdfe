import { useEffect, useState } from 'react';
import { Button, Card, Descriptions, Drawer, Progress, Space, Statistic, Table, Tag, Typography, Row, Col } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { DeleteAction, EnabledSwitch, useRowAction } from '../components/RowActions.js';
import { money } from '../components/commerce/commerceApi.js';
import { FlashSaleFormModal } from '../components/flash-sale/FlashSaleFormModal.js';
import { flashSaleApi, inputOf, type FlashSale, type FlashSaleItem } from '../components/flash-sale/flashSaleApi.js';

const STATE_COLOR = { upcoming: 'blue', live: 'red', ended: 'default' } as const;
const LIVE_REFRESH_MS = 3_000;

/** 秒杀: flash-sale sessions with their window, SKUs and numbers, a create/edit dialog, and live stats. */
export default function FlashSalePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const editable = can('operator');
  const [q, setQ] = useUrlState({ page: 1, pageSize: 20 });
  const sessions = useRequest(() => flashSaleApi.list({ page: q.page, pageSize: q.pageSize }), [q.page, q.pageSize]);
  const [editing, setEditing] = useState<FlashSale | null | 'new'>(null);
  const [viewing, setViewing] = useState<FlashSale | null>(null);
  const { busy, act } = useRowAction(sessions.reload);

  return (
    <>
      <PageHeader title={t('nav.flashSale')} testId="flash-sale-title"
        extra={editable && <Button type="primary" onClick={() => setEditing('new')} data-testid="flash-sale-add">{t('flashSale.add')}</Button>} />
      <Typography.Paragraph type="secondary">{t('flashSale.intro')}</Typography.Paragraph>
      <Card>
        {sessions.error && <RequestError error={sessions.error} onRetry={sessions.reload} />}
        <PagedTable<FlashSale> rowKey="id" data={sessions.data} paging={q} onPaging={(p) => setQ(p)} loading={sessions.loading}
          locale={{ emptyText: t('flashSale.empty') }} data-testid="flash-sale-table"
          columns={[
            { title: t('flashSale.name'), dataIndex: 'name', render: (v: string, s) => <a onClick={() => setViewing(s)} data-testid={`flash-sale-row-${v}`}>{v}</a> },
            { title: t('flashSale.state'), dataIndex: 'state', render: (st: FlashSale['state']) => <Tag color={STATE_COLOR[st]}>{t(`flashSale.state.${st}`)}</Tag> },
            { title: t('flashSale.window'), key: 'window', render: (_: unknown, s) => `${formatTime(s.startsAt)} ~ ${formatTime(s.endsAt)}` },
            { title: t('flashSale.items'), key: 'items', render: (_: unknown, s) => (
              <Space direction="vertical" size={0}>
                {s.items.map((i) => <span key={i.skuId}>{`${i.productName} / ${i.skuName} ${money(i.salePriceCents)}`} <Typography.Text type="secondary" delete>{money(i.priceCents)}</Typography.Text></span>)}
              </Space>
            ) },
            { title: t('flashSale.soldLeft'), key: 'sold', render: (_: unknown, s) => {
              const stock = s.items.reduce((n, i) => n + i.saleStock, 0);
              const sold = s.items.reduce((n, i) => n + i.sold, 0);
              return (
                <Space direction="vertical" size={0} style={{ minWidth: 120 }}>
                  <span data-testid={`flash-sale-sold-${s.name}`}>{t('flashSale.soldShort', { sold, stock })}</span>
                  <Progress size="small" showInfo={false} percent={stock ? (sold / stock) * 100 : 0} />
                </Space>
              );
            } },
            { title: t('flashSale.perMemberLimit'), dataIndex: 'perMemberLimit' },
            { title: t('flashSale.enabled'), dataIndex: 'enabled', render: (on: boolean, s) => (
              <EnabledSwitch checked={on} editable={editable} busy={busy === s.id} testId={`flash-sale-enabled-${s.name}`}
                onChange={(v) => act(s.id, () => flashSaleApi.update(s.id, inputOf(s, { enabled: v })), v ? t('flashSale.turnedOn') : t('flashSale.turnedOff'))} />
            ) },
            ...(editable ? [{
              title: '', key: 'actions', render: (_: unknown, s: FlashSale) => {
                const sold = s.items.some((i) => i.sold > 0);
                return (
                  <Space>
                    <a onClick={() => setEditing(s)}>{t('common.edit')}</a>
                    <DeleteAction label={t('flashSale.delete')} confirm={sold ? t('flashSale.deleteHasSales') : t('flashSale.deleteConfirm')} disabled={sold}
                      onConfirm={() => act(s.id, () => flashSaleApi.remove(s.id), t('flashSale.deleted'))} />
                  </Space>
                );
              },
            }] : []),
          ]} />
      </Card>
      <FlashSaleFormModal open={editing !== null} session={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); sessions.reload(); }} />
      <StatsDrawer session={viewing} onClose={() => { setViewing(null); sessions.reload(); }} />
    </>
  );
}

/** A session's numbers, read again every few seconds while the drawer is open and the sale is live. */
function StatsDrawer({ session, onClose }: { session: FlashSale | null; onClose: () => void }) {
  const { t } = useI18n();
  const stats = useRequest(() => (session ? flashSaleApi.stats(session.id) : Promise.resolve(undefined)), [session?.id]);
  const { reload } = stats;
  useEffect(() => {
    if (!session || session.state !== 'live') return;
    const timer = setInterval(reload, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [session, reload]);
  const s = stats.data;
  return (
    <Drawer open={session !== null} width={640} title={session?.name} onClose={onClose} destroyOnHidden>
      {session && (
        <>
          {stats.error && <RequestError error={stats.error} onRetry={reload} />}
          {session.state === 'live' && <Typography.Paragraph type="secondary">{t('flashSale.liveRefresh')}</Typography.Paragraph>}
          <Row gutter={12}>
            <Col span={5}><Statistic title={t('flashSale.stat.sold')} value={s?.sold ?? '-'} /></Col>
            <Col span={5}><Statistic title={t('flashSale.stat.left')} value={s?.left ?? '-'} /></Col>
            <Col span={5}><Statistic title={t('flashSale.stat.admitted')} value={s?.admitted ?? '-'} /></Col>
            <Col span={4}><Statistic title={t('flashSale.stat.returned')} value={s?.returned ?? '-'} /></Col>
            <Col span={5}><Statistic title={t('flashSale.stat.refused')} value={s?.refused ?? '-'} /></Col>
          </Row>
          <Table<FlashSaleItem> style={{ marginTop: 16 }} size="small" rowKey="skuId" pagination={false} dataSource={session.items}
            columns={[
              { title: t('flashSale.sku'), key: 'sku', render: (_: unknown, i) => `${i.productName} / ${i.skuName}` },
              { title: t('flashSale.salePrice'), dataIndex: 'salePriceCents', render: (c: number) => money(c) },
              { title: t('flashSale.saleStock'), dataIndex: 'saleStock' },
              { title: t('flashSale.stat.sold'), key: 'sold', render: (_: unknown, i) => s?.perSku.find((p) => p.skuId === i.skuId)?.sold ?? i.sold },
              { title: t('flashSale.buckets'), key: 'buckets', render: (_: unknown, i) => s?.perSku.find((p) => p.skuId === i.skuId)?.buckets.join(' · ') ?? '' },
            ]} />
          <Descriptions style={{ marginTop: 16 }} size="small" column={1}>
            <Descriptions.Item label={t('flashSale.window')}>{`${formatTime(session.startsAt)} ~ ${formatTime(session.endsAt)}`}</Descriptions.Item>
            <Descriptions.Item label={t('flashSale.reminder')}>
              {!session.communityId ? t('flashSale.noReminder')
                : session.reminderError ? <Typography.Text type="danger">{session.reminderError}</Typography.Text>
                  : session.remindedAt ? t('flashSale.remindedAt', { at: formatTime(session.remindedAt) })
                    : t('flashSale.remindPending', { n: session.remindMinutesBefore })}
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Drawer>
  );
}
