import { Card, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import type { BatchStatus, WelcomeApi, WelcomeBatch } from './welcomeApi.js';

const COLORS: Partial<Record<BatchStatus, string>> = { sent: 'green', pending: 'blue', sending: 'blue', awaiting_staff: 'gold', failed: 'red', refused: 'red' };

/** The recent group welcomes: who each one greeted, and how far its message got. */
export function WelcomeBatchesTable({ client, refreshKey }: { client: WelcomeApi; refreshKey: number }) {
  const { t, te } = useI18n();
  const [paging, setPaging] = usePaging();
  const { data, error, loading, reload } = useRequest(() => client.batches(paging), [client, paging.page, paging.pageSize, refreshKey]);

  const columns: TableColumnsType<WelcomeBatch> = [
    { title: t('welcome.batch.firstJoin'), dataIndex: 'windowStart', width: 160, render: formatTime },
    { title: t('welcome.batch.community'), dataIndex: 'communityName', width: 160, render: (name: string, b) => <Link to={`/communities/${b.communityId}`}>{name}</Link> },
    {
      title: t('welcome.batch.newcomers'), key: 'newcomers',
      render: (_, b) => (
        <Flex gap={4} wrap>
          {b.newcomers.map((n) => <Tag key={n.memberId}><Link to={`/members/${n.memberId}`}>@{n.name}</Link></Tag>)}
          {b.dropped > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('welcome.batch.dropped', { n: b.dropped })}</Typography.Text>}
        </Flex>
      ),
    },
    { title: t('welcome.batch.flow'), dataIndex: 'flowName', width: 140, render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('welcome.batch.flowDeleted')}</Typography.Text> },
    {
      title: t('welcome.batch.status'), key: 'status', width: 150,
      render: (_, b) => (
        <Flex vertical gap={2}>
          <Tooltip title={b.error ?? undefined}>
            <Tag color={COLORS[b.status]} data-testid="welcome-batch-status">{b.status === 'refused' ? t('welcome.batch.refused') : te('actionStatus', b.status)}</Tag>
          </Tooltip>
          {b.sentAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(b.sentAt)}</Typography.Text>}
          {b.problems.length > 0 && (
            <Tooltip title={<ul style={{ margin: 0, paddingInlineStart: 16 }}>{b.problems.map((p, i) => <li key={i}>{`${p.step}: ${p.error}`}</li>)}</ul>}>
              <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('welcome.batch.problems', { n: b.problems.length })}</Typography.Text>
            </Tooltip>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Card title={t('welcome.batches')} size="small">
      {error && !data ? <RequestError error={error} onRetry={reload} /> : (
        <PagedTable<WelcomeBatch> rowKey="id" size="small" columns={columns} data={data} loading={loading} paging={paging} onPaging={setPaging}
          pager={{ hideOnSinglePage: true }} scroll={{ x: 900 }} locale={{ emptyText: <Empty description={t('welcome.noBatches')} /> }} data-testid="welcome-batches" />
      )}
    </Card>
  );
}
