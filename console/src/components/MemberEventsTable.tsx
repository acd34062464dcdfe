import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, type MemberEvent } from '../api.js';
import { useRequest } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { DataPreview } from './DataPreview.js';
import { RequestError } from './RequestError.js';

export function MemberEventsTable({ memberId }: { memberId: string }) {
  const { t, te } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, error, loading, reload } = useRequest(() => api.memberEvents(memberId, { page, pageSize }), [memberId, page, pageSize]);

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
    <Table<MemberEvent>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      scroll={{ x: 800 }}
      pagination={{
        current: page, pageSize, total: data?.total ?? 0, showSizeChanger: true,
        showTotal: (total) => t('common.total', { n: total }),
        onChange: (next, size) => {
          setPage(size === pageSize ? next : 1);
          setPageSize(size);
        },
      }}
    />
  );
}
