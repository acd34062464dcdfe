import { useState } from 'react';
import { Button, Card, Drawer, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { usePaging, useRequest } from '../../hooks.js';
import { formatTime } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { useRowAction } from '../RowActions.js';
import { ReasonModal } from './ReasonModal.js';
import { WithdrawModal } from './WithdrawModal.js';
import { distributionApi, yuan, type Customer, type Distributor, type DistributorStatus } from './distributionApi.js';

const STATUS_COLOR: Record<DistributorStatus, string> = { pending: 'gold', approved: 'green', rejected: 'default' };

/** Applications to decide (pending first) and the distributors with their codes, balances and customers. */
export function DistributorsCard({ editable, onChanged }: { editable: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const [paging, setPaging] = usePaging();
  const [status, setStatus] = useState<DistributorStatus | undefined>();
  const [search, setSearch] = useState('');
  const list = useRequest(() => distributionApi.distributors({ ...paging, status, search: search || undefined }), [paging.page, paging.pageSize, status, search]);
  const { busy, act } = useRowAction(() => { list.reload(); onChanged(); });
  const [rejecting, setRejecting] = useState<Distributor | null>(null);
  const [withdrawing, setWithdrawing] = useState<Distributor | null>(null);
  const [customersOf, setCustomersOf] = useState<Distributor | null>(null);

  return (
    <Card title={t('distribution.distributors')} data-testid="distribution-distributors">
      <Space style={{ marginBottom: 12 }} wrap>
        <Select<DistributorStatus | undefined> allowClear placeholder={t('distribution.allStatuses')} style={{ width: 160 }} value={status}
          onChange={(v) => { setStatus(v); setPaging({ ...paging, page: 1 }); }} data-testid="distributors-status"
          options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`distribution.status.${s}`) }))} />
        <Input.Search allowClear placeholder={t('distribution.search')} style={{ width: 240 }} onSearch={(v) => { setSearch(v); setPaging({ ...paging, page: 1 }); }} />
      </Space>
      {list.error && <RequestError error={list.error} onRetry={list.reload} />}
      <PagedTable<Distributor>
        rowKey="id" data={list.data} paging={paging} onPaging={setPaging} loading={list.loading} locale={{ emptyText: t('distribution.noDistributors') }}
        scroll={{ x: true }}
        columns={[
          { title: t('distribution.member'), dataIndex: 'name' },
          { title: t('distribution.statusCol'), dataIndex: 'status', render: (s: DistributorStatus, r) => (
            <Space direction="vertical" size={0}>
              <Tag color={STATUS_COLOR[s]}>{t(`distribution.status.${s}`)}</Tag>
              {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
            </Space>) },
          { title: t('distribution.code'), dataIndex: 'code', render: (c: string | null, r) => c
            ? <Typography.Text copyable={{ text: r.link ?? c }} code>{c}</Typography.Text> : '—' },
          { title: t('distribution.upline'), dataIndex: 'uplineName', render: (v: string | null) => v ?? '—' },
          { title: t('distribution.customers'), dataIndex: 'customers', align: 'right', render: (n: number, r) => (
            <a onClick={() => setCustomersOf(r)}>{n}</a>) },
          { title: t('distribution.frozen'), dataIndex: 'frozenCents', align: 'right', render: yuan },
          { title: t('distribution.available'), dataIndex: 'availableCents', align: 'right', render: yuan },
          { title: t('distribution.withdrawn'), dataIndex: 'withdrawnCents', align: 'right', render: yuan },
          { title: t('distribution.appliedAt'), dataIndex: 'appliedAt', render: (v: string) => formatTime(v) },
          ...(editable ? [{
            title: t('common.actions'), key: 'actions', render: (_: unknown, r: Distributor) => (
              <Space>
                {r.status === 'pending' && (
                  <Popconfirm title={t('distribution.approveConfirm')} okText={t('distribution.approve')} cancelText={t('common.cancel')}
                    onConfirm={() => act(r.id, () => distributionApi.approve(r.id), t('distribution.approved'))}>
                    <Button size="small" type="primary" loading={busy === r.id} data-testid={`approve-${r.name}`}>{t('distribution.approve')}</Button>
                  </Popconfirm>)}
                {r.status === 'pending' && <Button size="small" danger onClick={() => setRejecting(r)} data-testid={`reject-${r.name}`}>{t('distribution.reject')}</Button>}
                {r.status === 'approved' && <Button size="small" disabled={r.availableCents <= 0} onClick={() => setWithdrawing(r)}>{t('distribution.withdraw')}</Button>}
              </Space>),
          }] : []),
        ]}
      />
      <ReasonModal open={!!rejecting} title={t('distribution.rejectTitle', { name: rejecting?.name ?? '' })} onClose={() => setRejecting(null)}
        onSubmit={async (reason) => { await distributionApi.reject(rejecting!.id, reason); list.reload(); onChanged(); }} />
      <WithdrawModal distributor={withdrawing} onClose={() => setWithdrawing(null)} onDone={() => { list.reload(); onChanged(); }} />
      <CustomersDrawer distributor={customersOf} onClose={() => setCustomersOf(null)} />
    </Card>
  );
}

function CustomersDrawer({ distributor, onClose }: { distributor: Distributor | null; onClose: () => void }) {
  const { t } = useI18n();
  const [paging, setPaging] = usePaging();
  const id = distributor?.id;
  const list = useRequest(() => (id ? distributionApi.customers(id, paging) : Promise.resolve(undefined)), [id, paging.page, paging.pageSize]);
  return (
    <Drawer open={!!distributor} width={640} onClose={onClose} title={t('distribution.customersOf', { name: distributor?.name ?? '' })}>
      {list.error && <RequestError error={list.error} onRetry={list.reload} />}
      <PagedTable<Customer>
        rowKey="memberId" data={list.data} paging={paging} onPaging={setPaging} loading={list.loading} locale={{ emptyText: t('distribution.noCustomers') }}
        columns={[
          { title: t('distribution.member'), dataIndex: 'name' },
          { title: t('distribution.boundAt'), dataIndex: 'boundAt', render: (v: string) => formatTime(v) },
          { title: t('distribution.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? formatTime(v) : '—') },
          { title: t('distribution.orders'), dataIndex: 'orders', align: 'right' },
          { title: t('distribution.paid'), dataIndex: 'paidCents', align: 'right', render: yuan },
        ]}
      />
    </Drawer>
  );
}
