import { Empty, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { useState } from 'react';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { useTriggersApi, type Firing, type FiringStatus } from './triggersApi.js';

const COLORS: Record<FiringStatus, string> = { scheduled: 'blue', done: 'green', skipped: 'default' };

/** Recent firings, of one rule or all: when each is due, and whether it was done or skipped (with why). */
export function FiringsTable({ ruleId, refreshKey }: { ruleId?: string; refreshKey: number }) {
  const { t, te } = useI18n();
  const triggersApi = useTriggersApi();
  const [paging, setPaging] = usePaging();
  const [status, setStatus] = useState<FiringStatus | 'all'>('all');
  const { data, error, loading, reload } = useRequest(
    () => triggersApi.firings({ ...paging, ruleId, status: status === 'all' ? undefined : status }), [paging.page, paging.pageSize, ruleId, status, refreshKey, triggersApi]);

  const columns: TableColumnsType<Firing> = [
    ...(ruleId ? [] : [{ title: t('triggers.rule'), dataIndex: 'ruleName', width: 180 }]),
    {
      title: t('triggers.subject'), key: 'subject',
      render: (_, f) => (
        <Space orientation="vertical" size={0}>
          {f.memberId && <Link to={`/members/${f.memberId}`}>{f.memberName}</Link>}
          {f.communityId && <Typography.Text type="secondary">{f.communityName}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('triggers.scheduledAt'), dataIndex: 'scheduledAt', width: 160, render: formatTime },
    {
      title: t('triggers.status'), key: 'status', width: 260,
      render: (_, f) => (
        <Space size={4} wrap>
          <Tag color={COLORS[f.status]} data-testid="firing-status">{te('firingStatus', f.status)}{f.seq > 1 ? ` #${f.seq}` : ''}</Tag>
          {f.reason && <Typography.Text type="secondary">{f.reason}</Typography.Text>}
          {f.actionStatus && <Tooltip title={t('triggers.actionStatus')}><Tag>{te('actionStatus', f.actionStatus)}</Tag></Tooltip>}
        </Space>
      ),
    },
    { title: t('triggers.occurrence'), dataIndex: 'occurrence', width: 220, ellipsis: true },
  ];

  if (error && !data) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <Segmented<FiringStatus | 'all'> value={status} style={{ marginBottom: 12 }}
        onChange={(s) => { setStatus(s); setPaging({ ...paging, page: 1 }); }}
        options={(['all', 'scheduled', 'done', 'skipped'] as const).map((s) => ({ value: s, label: s === 'all' ? t('triggers.allFirings') : te('firingStatus', s) }))} />
      <PagedTable<Firing> rowKey="id" size="small" columns={columns} data={data} loading={loading} paging={paging} onPaging={setPaging}
        pager={{ hideOnSinglePage: true }} scroll={{ x: 900 }} data-testid="firings-table"
        locale={{ emptyText: <Empty description={t('triggers.noFirings')} /> }} />
    </>
  );
}
