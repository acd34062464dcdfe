import { useEffect, useState } from 'react';
import { Alert, App, Button, Progress, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useRequest, type Paging } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { errorText } from '../errors.js';
import { groupSyncApi, syncPercent, type GroupSync, type SyncMode } from './groupSyncApi.js';

const POLL_MS = 2000;
const STATUS_COLOR: Record<GroupSync['status'], string> = { running: 'processing', done: 'green', failed: 'red' };

/** A corp's customer-group sync: start one, watch the running one move, and the syncs before it. */
export function GroupSyncPanel({ corpId }: { corpId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [paging, setPaging] = useState<Paging>({ page: 1, pageSize: 5 });
  const [starting, setStarting] = useState<SyncMode | null>(null);
  const syncs = useRequest(() => groupSyncApi.syncs(corpId, paging), [corpId, paging.page, paging.pageSize]);
  const running = syncs.data?.items.find((s) => s.status === 'running');

  // While a sync runs, the list is asked again every 2 s so its bar moves; then polling stops.
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(syncs.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running, syncs.reload]);

  const start = async (mode: SyncMode) => {
    setStarting(mode);
    try {
      await groupSyncApi.start(corpId, mode);
      setPaging((p) => ({ ...p, page: 1 }));
      syncs.reload();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setStarting(null);
    }
  };

  const columns: TableColumnsType<GroupSync> = [
    { title: t('wecom.sync.startedAt'), dataIndex: 'startedAt', render: (v: string) => formatTime(v) },
    { title: t('wecom.sync.mode'), dataIndex: 'mode', render: (m: SyncMode) => t(m === 'full' ? 'wecom.sync.full' : 'wecom.sync.incremental') },
    { title: t('wecom.sync.status'), dataIndex: 'status', render: (s: GroupSync['status'], r) => (
      <Space direction="vertical" size={0}>
        <Tag color={STATUS_COLOR[s]}>{t(`wecom.sync.status.${s}`)}</Tag>
        {r.error && <Typography.Text type={s === 'failed' ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{r.error}</Typography.Text>}
      </Space>
    ) },
    { title: t('wecom.sync.groups'), key: 'groups', render: (_, r) => (
      <Space direction="vertical" size={0}>
        {t('wecom.sync.groupsValue', { seen: r.groupsSeen, fetched: r.groupsFetched, dismissed: r.groupsDismissed })}
        {r.groupsSkipped > 0 && <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="wecom-sync-skipped">{t('wecom.sync.skipped', { n: r.groupsSkipped, reason: r.skipped ?? '' })}</Typography.Text>}
      </Space>
    ) },
    { title: t('wecom.sync.members'), key: 'members', render: (_, r) => t('wecom.sync.membersValue', { joined: r.membersJoined, left: r.membersLeft }) },
    { title: t('wecom.sync.finishedAt'), dataIndex: 'finishedAt', render: (v: string | null) => (v ? formatTime(v) : '—') },
  ];

  return (
    <div style={{ marginTop: 16 }} data-testid="wecom-group-sync">
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text strong>{t('wecom.sync.title')}</Typography.Text>
        <Button icon={<SyncOutlined />} loading={starting === 'full'} disabled={!!running} onClick={() => start('full')} data-testid="wecom-sync-full">{t('wecom.sync.startFull')}</Button>
        <Button loading={starting === 'incremental'} disabled={!!running} onClick={() => start('incremental')} data-testid="wecom-sync-incremental">{t('wecom.sync.startIncremental')}</Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>{t('wecom.sync.help')}</Typography.Paragraph>
      {running && (
        <Alert style={{ marginBottom: 8 }} type="info" showIcon data-testid="wecom-sync-running"
          message={t('wecom.sync.runningNow', { seen: running.groupsSeen, known: running.groupsTotalKnown })}
          description={<Progress percent={syncPercent(running)} status="active" size="small" />} />
      )}
      {syncs.error && !syncs.data ? <RequestError error={syncs.error} onRetry={syncs.reload} /> : (
        <PagedTable<GroupSync> rowKey="id" size="small" columns={columns} data={syncs.data} loading={syncs.loading && !syncs.data}
          paging={paging} onPaging={setPaging} locale={{ emptyText: t('wecom.sync.none') }} pager={{ hideOnSinglePage: true }} />
      )}
    </div>
  );
}
