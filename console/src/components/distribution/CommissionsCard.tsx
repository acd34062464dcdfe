import { useState } from 'react';
import { Card, Input, Select, Space, Tag } from 'antd';
import { usePaging, useRequest } from '../../hooks.js';
import { formatTime } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { distributionApi, yuan, type Commission } from './distributionApi.js';

/** The commission ledger: every tier's share of every order, and the negative entries of refunds. */
export function CommissionsCard({ reloadKey }: { reloadKey: number }) {
  const { t } = useI18n();
  const [paging, setPaging] = usePaging();
  const [status, setStatus] = useState<'frozen' | 'available' | undefined>();
  const [kind, setKind] = useState<'commission' | 'reversal' | undefined>();
  const [orderId, setOrderId] = useState('');
  const list = useRequest(() => distributionApi.commissions({ ...paging, status, kind, orderId: orderId || undefined }),
    [paging.page, paging.pageSize, status, kind, orderId, reloadKey]);
  const first = () => setPaging({ ...paging, page: 1 });
  return (
    <Card title={t('distribution.commissions')} data-testid="distribution-commissions">
      <Space style={{ marginBottom: 12 }} wrap>
        <Select allowClear placeholder={t('distribution.allStatuses')} style={{ width: 140 }} value={status} onChange={(v) => { setStatus(v); first(); }}
          options={(['frozen', 'available'] as const).map((s) => ({ value: s, label: t(`distribution.entryStatus.${s}`) }))} />
        <Select allowClear placeholder={t('distribution.allKinds')} style={{ width: 140 }} value={kind} onChange={(v) => { setKind(v); first(); }}
          options={(['commission', 'reversal'] as const).map((k) => ({ value: k, label: t(`distribution.kind.${k}`) }))} />
        <Input.Search allowClear placeholder={t('distribution.orderId')} style={{ width: 200 }} onSearch={(v) => { setOrderId(v.trim()); first(); }} />
      </Space>
      {list.error && <RequestError error={list.error} onRetry={list.reload} />}
      <PagedTable<Commission>
        rowKey="id" data={list.data} paging={paging} onPaging={setPaging} loading={list.loading} locale={{ emptyText: t('distribution.noCommissions') }}
        scroll={{ x: true }}
        columns={[
          { title: t('distribution.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          { title: t('distribution.distributor'), dataIndex: 'distributorName' },
          { title: t('distribution.orderId'), dataIndex: 'orderId' },
          { title: t('distribution.tier'), dataIndex: 'tier', render: (n: number) => t(n === 1 ? 'distribution.tier1Short' : 'distribution.tier2Short') },
          { title: t('distribution.kindCol'), dataIndex: 'kind', render: (k: Commission['kind']) => <Tag color={k === 'reversal' ? 'red' : 'blue'}>{t(`distribution.kind.${k}`)}</Tag> },
          { title: t('distribution.amount'), dataIndex: 'amountCents', align: 'right', render: yuan },
          { title: t('distribution.rate'), dataIndex: 'rateBps', align: 'right', render: (b: number) => `${(b / 100).toFixed(2)}%` },
          { title: t('distribution.statusCol'), dataIndex: 'status', render: (s: Commission['status']) => <Tag color={s === 'frozen' ? 'default' : 'green'}>{t(`distribution.entryStatus.${s}`)}</Tag> },
          { title: t('distribution.releaseAt'), dataIndex: 'releaseAt', render: (v: string) => formatTime(v) },
        ]}
      />
    </Card>
  );
}
