import { App, Button, Popconfirm, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { ACTION_STATUSES, api, type ActionStatus, type OutboxAction } from '../api.js';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { PagedTable } from '../components/PagedTable.js';
import { errorText } from '../components/errors.js';

const STATUS_COLOR: Record<ActionStatus, string> = {
  pending: 'blue', sending: 'processing', awaiting_staff: 'purple', sent: 'green', failed: 'red', cancelled: 'default',
};

/** Everything Shequn asked a chat platform (or its staff) to do: what waits, what went out, what failed and why. */
export default function OutboxPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20, status: 'all' });
  const status = p.status === 'all' ? undefined : p.status;
  const list = useRequest(() => api.outbox({ page: p.page, pageSize: p.pageSize, status }), [p.page, p.pageSize, p.status]);
  const counts = useRequest(() => api.outboxCounts(), [p.status]);

  const act = async (fn: () => Promise<OutboxAction>, done: string) => {
    try {
      await fn();
      message.success(done);
      list.reload();
      counts.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  const columns: TableColumnsType<OutboxAction> = [
    { title: t('outbox.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
    { title: t('outbox.kind'), dataIndex: 'kind', width: 110, render: (k: string) => te('actionKind', k) },
    {
      title: t('outbox.target'), key: 'target', width: 220,
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          {a.communityId ? <Link to={`/communities/${a.communityId}`}>{a.communityName}</Link> : <Typography.Text type="secondary">—</Typography.Text>}
          {a.memberId && <Link to={`/members/${a.memberId}`}>{a.memberName}</Link>}
        </Space>
      ),
    },
    { title: t('outbox.summary'), dataIndex: 'summary', render: (s: string) => <Typography.Text ellipsis={{ tooltip: s }} style={{ maxWidth: 320 }}>{s || '—'}</Typography.Text> },
    {
      title: t('outbox.source'), dataIndex: 'automation', width: 110,
      render: (a: OutboxAction['automation']) => (a ? <Tag>{te('automationClass', a)}</Tag> : <Tag color="gold">{t('outbox.byOperator')}</Tag>),
    },
    {
      title: t('outbox.status'), key: 'status', width: 260,
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <Tag color={STATUS_COLOR[a.status]}>{te('actionStatus', a.status)}</Tag>
          {a.lastError && <Typography.Text type={a.status === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{a.lastError}</Typography.Text>}
          {(a.status === 'pending' || a.status === 'sending') && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('outbox.nextAttempt', { at: formatTime(a.nextAttemptAt) })}</Typography.Text>
          )}
          {a.sentAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('outbox.sentAt', { at: formatTime(a.sentAt) })}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('outbox.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
  ];
  if (can('operator')) {
    columns.push({
      title: '', key: 'actions', width: 110,
      render: (_, a) => (
        <Space>
          {a.status === 'failed' && (
            <Button size="small" data-testid={`retry-${a.id}`} onClick={() => act(() => api.retryAction(a.id), t('outbox.retried'))}>{t('outbox.retry')}</Button>
          )}
          {a.status === 'pending' && (
            <Popconfirm title={t('outbox.cancelConfirm')} onConfirm={() => act(() => api.cancelAction(a.id), t('outbox.cancelled'))}>
              <Tooltip title={t('outbox.cancelHint')}><Button size="small" danger>{t('outbox.cancel')}</Button></Tooltip>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  const tab = (key: string, label: string, n: number | undefined) => ({ key, label: n === undefined ? label : `${label} (${n})` });
  const total = counts.data ? Object.values(counts.data).reduce((a, b) => a + b, 0) : undefined;

  if (list.error) return <RequestError error={list.error} onRetry={list.reload} />;
  return (
    <>
      <PageHeader title={t('nav.outbox')} testId="outbox-title" />
      <Typography.Paragraph type="secondary">{t('outbox.subtitle')}</Typography.Paragraph>
      <Tabs
        activeKey={p.status}
        onChange={(key) => setP({ status: key, page: 1 })}
        items={[tab('all', t('outbox.all'), total), ...ACTION_STATUSES.map((s) => tab(s, te('actionStatus', s), counts.data?.[s]))]}
      />
      <PagedTable<OutboxAction>
        rowKey="id"
        size="middle"
        columns={columns}
        data={list.data}
        loading={list.loading}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('outbox.empty') }}
        paging={{ page: p.page, pageSize: p.pageSize }}
        onPaging={(next) => setP(next)}
      />
    </>
  );
}
