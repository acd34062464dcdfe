import { Link } from 'react-router-dom';
import { Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, type MemberEvent } from '../api.js';
import { usePaging, useRequest } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { DataPreview } from './DataPreview.js';
import { PagedTable } from './PagedTable.js';
import { RequestError } from './RequestError.js';

export function MemberEventsTable({ memberId }: { memberId: string }) {
  const { t, te } = useI18n();
  const [paging, setPaging] = usePaging();
  const { data, error, loading, reload } = useRequest(
    () => api.memberEvents(memberId, paging),
    [memberId, paging.page, paging.pageSize],
  );

  const columns: TableColumnsType<MemberEvent> = [
    { title: t('event.occurredAt'), dataIndex: 'occurredAt', width: 150, render: formatTime },
    { title: t('event.type'), dataIndex: 'type', width: 150, render: (v: string) => <Tag>{te('eventType', v)}</Tag> },
    {
      title: t('event.community'), dataIndex: 'communityName', width: 200,
      render: (name: string | null, e) => (e.communityId ? <Link to={`/communities/${e.communityId}`}>{name ?? e.communityId}</Link> : '—'),
    },
    { title: t('event.data'), dataIndex: 'data', render: (d: MemberEvent['data']) => <DataPreview data={d} /> },
  ];

  if (error) return <RequestError error={error} onRetry={reload} />;
  return (
    <PagedTable<MemberEvent>
      rowKey="id"
      size="middle"
      columns={columns}
      data={data}
      loading={loading}
      scroll={{ x: 800 }}
      paging={paging}
      onPaging={setPaging}
      pager={{ showSizeChanger: true }}
    />
  );
}
