import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Flex, Input, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, type Member } from '../api.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatNumber, formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { PagedTable } from '../components/PagedTable.js';
import { Identities } from '../components/Identities.js';
import { CommunitySelect } from '../components/CommunitySelect.js';
import { SegmentSelect } from '../components/members/SegmentSelect.js';
import { SegmentMembersTable } from '../components/members/SegmentMembersTable.js';

export default function MembersPage() {
  const { t } = useI18n();
  const [p, setP] = useUrlState({ page: 1, pageSize: 20, q: '', segment: '', communityId: '' });
  const [search, setSearch] = useState(p.q);
  // The menu link or the back button can change the query under the box; follow it.
  useEffect(() => setSearch(p.q), [p.q]);
  const communityId = p.communityId || undefined;
  const paging = { page: p.page, pageSize: p.pageSize };
  // A segment switches the list to the segment's members; the search box belongs to the plain list.
  const plain = useRequest(
    () => (p.segment ? Promise.resolve(undefined) : api.members({ ...paging, q: p.q, communityId })),
    [p.segment, p.page, p.pageSize, p.q, communityId]);
  const segment = useRequest(
    () => (p.segment ? api.segmentMembers(p.segment, { ...paging, communityId }) : Promise.resolve(undefined)),
    [p.segment, p.page, p.pageSize, communityId]);
  const { data, error, loading, reload } = plain;

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
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <CommunitySelect value={communityId} onChange={(id) => setP({ communityId: id ?? '', page: 1 })} style={{ width: 220 }} />
        <SegmentSelect value={p.segment || undefined} communityId={communityId} onChange={(s) => setP({ segment: s ?? '', page: 1 })} />
        {p.segment ? (
          <Button icon={<DownloadOutlined />} href={api.segmentCsvUrl(p.segment, { communityId })} download data-testid="export-csv">
            {t('members.exportCsv')}
          </Button>
        ) : (
          <Input.Search
            allowClear
            placeholder={t('members.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setP({ q: v.trim(), page: 1 })}
            style={{ width: 300 }}
          />
        )}
      </Flex>
      {p.segment ? (
        <SegmentMembersTable data={segment.data} error={segment.error} loading={segment.loading} reload={segment.reload}
          paging={paging} onPaging={setP} />
      ) : error ? <RequestError error={error} onRetry={reload} /> : (
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
