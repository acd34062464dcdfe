import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Flex, Input, Segmented, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { api, type Membership } from '../../api.js';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatNumber, formatTime } from '../../format.js';
import { RequestError } from '../RequestError.js';
import { PagedTable } from '../PagedTable.js';

type StatusFilter = 'active' | 'left' | 'all';
const ROLE_COLORS: Record<string, string> = { owner: 'gold', admin: 'blue', member: 'default' };

export function CommunityMembersTab({ communityId }: { communityId: string }) {
  const { t, te } = useI18n();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [q, setQ] = useState('');
  const [paging, setPaging] = usePaging();
  const { data, error, loading, reload } = useRequest(
    () => api.communityMembers(communityId, { ...paging, status, q }),
    [communityId, paging.page, paging.pageSize, status, q],
  );
  const firstPage = () => setPaging((p) => ({ ...p, page: 1 }));

  const columns: TableColumnsType<Membership> = [
    {
      title: t('member.name'), dataIndex: 'displayName',
      render: (name: string, m) => (
        <Link to={`/members/${m.memberId}`}>
          {name}
          {m.isKol && <Tag color="magenta" icon={<StarFilled />} style={{ marginInlineStart: 8 }}>{t('member.kol')}</Tag>}
        </Link>
      ),
    },
    { title: t('member.role'), dataIndex: 'role', width: 100, render: (r: string) => <Tag color={ROLE_COLORS[r]}>{te('memberRole', r)}</Tag> },
    { title: t('member.messages'), dataIndex: 'messages', width: 100, align: 'right', render: formatNumber },
    { title: t('member.joinedAt'), dataIndex: 'joinedAt', width: 150, render: formatTime },
    {
      title: t('member.leftAt'), dataIndex: 'leftAt', width: 150,
      render: (v: string | null) => (v ? <Tag color="red">{formatTime(v)}</Tag> : '—'),
    },
    { title: t('member.joinScene'), dataIndex: 'joinScene', width: 120, render: (v: string | null) => te('joinScene', v) || '—' },
    {
      title: t('member.inviter'), dataIndex: 'inviterName', width: 140,
      render: (name: string | null, m) => (m.inviterMemberId
        ? <Link to={`/members/${m.inviterMemberId}`}>{name ?? m.inviterMemberId}</Link>
        : '—'),
    },
  ];

  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented<StatusFilter>
          value={status}
          onChange={(v) => {
            setStatus(v);
            firstPage();
          }}
          options={[
            { value: 'active', label: t('member.statusActive') },
            { value: 'left', label: t('member.statusLeft') },
            { value: 'all', label: t('member.statusAll') },
          ]}
        />
        <Input.Search allowClear placeholder={t('members.searchPlaceholder')} style={{ width: 240 }}
          onSearch={(v) => {
            setQ(v.trim());
            firstPage();
          }} />
      </Flex>
      {error ? <RequestError error={error} onRetry={reload} /> : (
        <PagedTable<Membership>
          rowKey="memberId"
          size="middle"
          columns={columns}
          data={data}
          loading={loading}
          scroll={{ x: 900 }}
          paging={paging}
          onPaging={setPaging}
          pager={{ showSizeChanger: true }}
        />
      )}
    </>
  );
}
