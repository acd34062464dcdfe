import { useState } from 'react';
import { Button, Card, Popconfirm, Select, Space, Tag } from 'antd';
import { usePaging, useRequest } from '../../hooks.js';
import { formatTime } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { useRowAction } from '../RowActions.js';
import { ReasonModal } from './ReasonModal.js';
import { distributionApi, yuan, type Withdrawal, type WithdrawalStatus } from './distributionApi.js';

const COLOR: Record<WithdrawalStatus, string> = { requested: 'gold', paid: 'green', rejected: 'default' };

/** Withdrawals to settle (requested first): paid once the money went out, or rejected back to the balance. */
export function WithdrawalsCard({ editable, reloadKey, onChanged }: { editable: boolean; reloadKey: number; onChanged: () => void }) {
  const { t } = useI18n();
  const [paging, setPaging] = usePaging();
  const [status, setStatus] = useState<WithdrawalStatus | undefined>();
  const list = useRequest(() => distributionApi.withdrawals({ ...paging, status }), [paging.page, paging.pageSize, status, reloadKey]);
  const { busy, act } = useRowAction(() => { list.reload(); onChanged(); });
  const [rejecting, setRejecting] = useState<Withdrawal | null>(null);
  return (
    <Card title={t('distribution.withdrawals')} data-testid="distribution-withdrawals">
      <Select allowClear placeholder={t('distribution.allStatuses')} style={{ width: 160, marginBottom: 12 }} value={status}
        onChange={(v) => { setStatus(v); setPaging({ ...paging, page: 1 }); }}
        options={(['requested', 'paid', 'rejected'] as const).map((s) => ({ value: s, label: t(`distribution.withdrawalStatus.${s}`) }))} />
      {list.error && <RequestError error={list.error} onRetry={list.reload} />}
      <PagedTable<Withdrawal>
        rowKey="id" data={list.data} paging={paging} onPaging={setPaging} loading={list.loading} locale={{ emptyText: t('distribution.noWithdrawals') }}
        columns={[
          { title: t('distribution.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => formatTime(v) },
          { title: t('distribution.distributor'), dataIndex: 'distributorName' },
          { title: t('distribution.amount'), dataIndex: 'amountCents', align: 'right', render: yuan },
          { title: t('distribution.statusCol'), dataIndex: 'status', render: (s: WithdrawalStatus, r) => (
            <Space><Tag color={COLOR[s]}>{t(`distribution.withdrawalStatus.${s}`)}</Tag>{r.reason}</Space>) },
          ...(editable ? [{
            title: t('common.actions'), key: 'actions', render: (_: unknown, r: Withdrawal) => r.status === 'requested' && (
              <Space>
                <Popconfirm title={t('distribution.payConfirm', { amount: yuan(r.amountCents) })} okText={t('distribution.markPaid')} cancelText={t('common.cancel')}
                  onConfirm={() => act(r.id, () => distributionApi.approveWithdrawal(r.id), t('distribution.paidDone'))}>
                  <Button size="small" type="primary" loading={busy === r.id}>{t('distribution.markPaid')}</Button>
                </Popconfirm>
                <Button size="small" danger onClick={() => setRejecting(r)}>{t('distribution.reject')}</Button>
              </Space>),
          }] : []),
        ]}
      />
      <ReasonModal open={!!rejecting} title={t('distribution.rejectWithdrawalTitle', { amount: yuan(rejecting?.amountCents ?? 0) })} onClose={() => setRejecting(null)}
        onSubmit={async (reason) => { await distributionApi.rejectWithdrawal(rejecting!.id, reason); list.reload(); onChanged(); }} />
    </Card>
  );
}
