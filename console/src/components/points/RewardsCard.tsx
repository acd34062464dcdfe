import { useState } from 'react';
import { App, Button, Card, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { usePaging, useRequest } from '../../hooks.js';
import { formatTime } from '../../format.js';
import { errorText } from '../errors.js';
import { RequestError } from '../RequestError.js';
import { RewardFormModal } from './RewardFormModal.js';
import { rewardsApi, type Redemption, type RedemptionStatus, type Reward } from './rewardsApi.js';

const STATUS_COLOR = { pending: 'gold', fulfilled: 'green', cancelled: 'default' } as const;

/** 积分商城: the rewards points buy, with stock, and the redemptions to hand out or call off. */
export function RewardsCard({ editable, onChanged }: { editable: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [paging, setPaging] = usePaging();
  const rewards = useRequest(() => rewardsApi.list(paging), [paging]);
  const [editing, setEditing] = useState<Reward | null | 'new'>(null);
  const [status, setStatus] = useState<RedemptionStatus | 'all'>('pending');
  const [rPaging, setRPaging] = usePaging();
  const redemptions = useRequest(() => rewardsApi.redemptions({ ...rPaging, status: status === 'all' ? undefined : status }), [rPaging, status]);
  const settle = async (d: Redemption, verb: 'fulfil' | 'cancel') => {
    try {
      await rewardsApi.settle(d.id, verb);
      redemptions.reload();
      rewards.reload();
      onChanged();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  return (
    <Card title={t('rewards.title')} extra={editable && <Button onClick={() => setEditing('new')} data-testid="reward-add">{t('rewards.add')}</Button>}>
      {rewards.error && <RequestError error={rewards.error} onRetry={rewards.reload} />}
      <Table<Reward> rowKey="id" size="small" dataSource={rewards.data?.items} locale={{ emptyText: t('rewards.empty') }} data-testid="rewards-table"
        pagination={{ current: paging.page, pageSize: paging.pageSize, total: rewards.data?.total ?? 0, onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
        columns={[
          { title: t('rewards.name'), dataIndex: 'name', render: (v: string, r) => <Space>{v}{!r.enabled && <Tag>{t('rewards.off')}</Tag>}</Space> },
          { title: t('rewards.kind'), dataIndex: 'kind', render: (k: string) => t(`rewards.kind.${k}` as never) },
          { title: t('rewards.cost'), dataIndex: 'costPoints', align: 'right' },
          { title: t('rewards.stock'), dataIndex: 'stock', align: 'right', render: (v: number | null) => (v === null ? t('rewards.unlimited') : v) },
          { title: t('rewards.redeemed'), dataIndex: 'redeemed', align: 'right' },
          ...(editable ? [{ title: '', key: 'edit', render: (_: unknown, r: Reward) => <a onClick={() => setEditing(r)}>{t('rewards.edit')}</a> }] : []),
        ]} />
      <Space style={{ margin: '16px 0 8px' }}>
        <strong>{t('rewards.redemptions')}</strong>
        <Segmented value={status} onChange={(v) => { setStatus(v as RedemptionStatus | 'all'); setRPaging({ page: 1, pageSize: rPaging.pageSize }); }}
          options={(['pending', 'fulfilled', 'cancelled', 'all'] as const).map((s) => ({ value: s, label: t(`rewards.status.${s}` as never) }))} />
      </Space>
      {redemptions.error && <RequestError error={redemptions.error} onRetry={redemptions.reload} />}
      <Table<Redemption> rowKey="id" size="small" dataSource={redemptions.data?.items} locale={{ emptyText: t('rewards.noRedemptions') }}
        pagination={{ current: rPaging.page, pageSize: rPaging.pageSize, total: redemptions.data?.total ?? 0, onChange: (page, pageSize) => setRPaging({ page, pageSize }) }}
        columns={[
          { title: t('points.when'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('points.member'), dataIndex: 'memberName' },
          { title: t('rewards.name'), dataIndex: 'rewardName' },
          { title: t('rewards.cost'), dataIndex: 'costPoints', align: 'right' },
          { title: t('rewards.statusCol'), dataIndex: 'status', render: (s: RedemptionStatus) => <Tag color={STATUS_COLOR[s]}>{t(`rewards.status.${s}` as never)}</Tag> },
          ...(editable ? [{
            title: '', key: 'act', render: (_: unknown, d: Redemption) => d.status === 'pending' && (
              <Space>
                <a onClick={() => settle(d, 'fulfil')}>{t('rewards.fulfil')}</a>
                <Popconfirm title={t('rewards.cancelConfirm')} onConfirm={() => settle(d, 'cancel')}><a>{t('rewards.cancel')}</a></Popconfirm>
              </Space>),
          }] : []),
        ]} />
      <RewardFormModal open={editing !== null} reward={editing === 'new' ? null : editing} onClose={() => setEditing(null)}
        onSaved={() => { setEditing(null); rewards.reload(); }} />
    </Card>
  );
}
