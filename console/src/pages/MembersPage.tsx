import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Input, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { api, type Member } from '../api.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatNumber, formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { PagedTable } from '../components/PagedTable.js';
import { Identities } from '../components/Identities.js';

export default function MembersPage() {
  const { t } = useI18n();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20, q: '' });
  const [search, setSearch] = useState(p.q);
  // The menu link or the back button can change the query under the box; follow it.
  useEffect(() => setSearch(p.q), [p.q]);
  const { data, error, loading, reload } = useRequest(() => api.members(p), [p.page, p.pageSize, p.q]);

  const columns: TableColumnsType<Member> = [
    {
      title: t('member.name'), dataIndex: 'displayName',
      render: (name: string, m) => (
        <>
          <Link to={`/members/${m.id}`}>{name}</Link>
          {m.optedOut && <Tag color="orange" style={{ marginInlineStart: 8 }}>{t('member.optedOutTag')}</Tag>}
        </>
      ),
    },
    { title: t('member.identities'), dataIndex: 'identities', render: (ids: Member['identities']) => <Identities identities={ids} /> },
    { title: t('member.communities'), dataIndex: 'communities', width: 110, align: 'right', render: formatNumber },
    { title: t('member.messages'), dataIndex: 'messages', width: 110, align: 'right', render: formatNumber },
    { title: t('member.firstSeen'), dataIndex: 'firstSeenAt', width: 150, render: formatTime },
    { title: t('member.lastActive'), dataIndex: 'lastActiveAt', width: 150, render: formatTime },
  ];

  return (
    <>
      <PageHeader title={t('nav.members')} />
      <Input.Search
        allowClear
        placeholder={t('members.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(v) => setP({ q: v.trim(), page: 1 })}
        style={{ width: 300, marginBottom: 16 }}
      />
      {error ? <RequestError error={error} onRetry={reload} /> : (
        <PagedTable<Member>
          rowKey="id"
          columns={columns}
          data={data}
          loading={loading}
          scroll={{ x: 900 }}
          paging={p}
          onPaging={setP}
          pager={{ showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
        />
      )}
    </>
  );
}
