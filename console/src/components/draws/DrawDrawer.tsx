import { useState } from 'react';
import { App, Button, Descriptions, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useAuth } from '../../auth.js';
import { useI18n } from '../../i18n/index.js';
import { useRequest } from '../../hooks.js';
import { formatTime } from '../../format.js';
import { errorText } from '../errors.js';
import { RequestError } from '../RequestError.js';
import { DrawForMember } from './DrawForMember.js';
import { EntriesTable } from './EntriesTable.js';
import { chances, drawsApi, type Draw, type Prize } from './drawsApi.js';

export const STATUS_COLOR = { draft: 'default', open: 'green', closed: 'blue' } as const;

/** One draw: its rules, the stock left and awarded per prize, the fairness commitment and seed, and the audit trail. */
export function DrawDrawer({ drawId, onClose, onChanged }: { drawId: string | null; onClose: () => void; onChanged: () => void }) {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const editable = can('operator');
  const [tick, setTick] = useState(0);
  const draw = useRequest(() => (drawId ? drawsApi.get(drawId) : Promise.resolve(null)), [drawId, tick]);
  const d: Draw | null | undefined = draw.data;
  const refresh = () => { setTick((n) => n + 1); onChanged(); };
  const act = async (verb: 'open' | 'close') => {
    try {
      await drawsApi[verb](d!.id);
      message.success(verb === 'open' ? t('draws.openedDone') : t('draws.closedDone'));
      refresh();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };
  const chance = d ? chances(d.prizes) : [];

  return (
    <Drawer open={drawId !== null} onClose={onClose} width={1000} title={d?.name} destroyOnHidden
      extra={d && editable && (
        <Space>
          {d.status === 'draft' && (
            <Popconfirm title={t('draws.openConfirm')} onConfirm={() => act('open')}><Button type="primary" data-testid="draw-open">{t('draws.open')}</Button></Popconfirm>
          )}
          {d.status === 'open' && (
            <Popconfirm title={t('draws.closeConfirm')} onConfirm={() => act('close')}><Button danger data-testid="draw-close">{t('draws.close')}</Button></Popconfirm>
          )}
        </Space>
      )}>
      {draw.error && <RequestError error={draw.error} onRetry={draw.reload} />}
      {d && (
        <>
          <Descriptions size="small" column={2} bordered items={[
            { key: 'status', label: t('draws.status'), children: <Tag color={STATUS_COLOR[d.status]}>{t(`draws.status.${d.status}` as never)}</Tag> },
            { key: 'window', label: t('draws.window'), children: `${formatTime(d.startsAt)} – ${formatTime(d.endsAt)}` },
            { key: 'unit', label: t('draws.unit'), children: t(`draws.unit.${d.unit}` as never) },
            { key: 'cost', label: t('draws.pointsCost'), children: d.pointsCost || t('draws.free') },
            { key: 'checkIn', label: t('draws.minCheckInDays'), children: d.minCheckInDays || '—' },
            { key: 'segment', label: t('draws.segment'), children: d.segment ? te('segment', d.segment) : t('draws.everyone') },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('draws.fairness')}</Typography.Title>
          <Descriptions size="small" column={1} bordered items={[
            { key: 'c', label: t('draws.commitment'), children: d.commitment ? <Typography.Text code copyable data-testid="draw-commitment">{d.commitment}</Typography.Text> : t('draws.commitmentLater') },
            { key: 's', label: t('draws.seed'), children: d.seed ? <Typography.Text code copyable data-testid="draw-seed">{d.seed}</Typography.Text> : t('draws.seedLater') },
            { key: 'v', label: t('draws.verifyAt'), children: <Typography.Text code copyable>{`/api/v1/draws/${d.id}/verification?memberId=…`}</Typography.Text> },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('draws.prizes')}</Typography.Title>
          <Table<Prize> rowKey="id" size="small" pagination={false} dataSource={d.prizes} data-testid="draw-prize-stats"
            columns={[
              { title: t('draws.prizeName'), dataIndex: 'name' },
              { title: t('draws.prizeKind'), dataIndex: 'kind', render: (k: string, p) => <>{t(`draws.kind.${k}` as never)}{p.points ? ` · ${p.points} ${t('draws.pointsUnit')}` : ''}</> },
              { title: t('draws.weight'), dataIndex: 'weight', align: 'right' },
              { title: t('draws.chanceNow'), key: 'chance', align: 'right', render: (_, p) => `${((chance[p.position] ?? 0) * 100).toFixed(1)}%` },
              { title: t('draws.stockLeft'), key: 'stock', align: 'right', render: (_, p) => (p.stock === null ? t('draws.unlimited') : `${p.stock} / ${p.initialStock ?? p.stock}`) },
              { title: t('draws.awarded'), dataIndex: 'awarded', align: 'right' },
            ]} />
          <Space style={{ margin: '16px 0 8px', width: '100%', justifyContent: 'space-between' }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>{t('draws.entries')} ({d.entries})</Typography.Title>
            {editable && d.status === 'open' && <DrawForMember drawId={d.id} onDrawn={refresh} />}
          </Space>
          <EntriesTable drawId={d.id} editable={editable} refreshKey={tick} onChanged={refresh} />
        </>
      )}
    </Drawer>
  );
}
