import { Link } from 'react-router-dom';
import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ApiError, MemberProfile, Page } from '../../api.js';
import type { Paging } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';

const STAGE_COLOR: Record<string, string> = {
  new: 'blue', active: 'green', returning: 'cyan', resurrecting: 'purple', at_risk: 'orange', dormant: 'default', left: 'default',
};

interface Props {
  data: (Page<MemberProfile> & { as_of: string }) | undefined;
  error?: ApiError; loading: boolean; reload: () => void;
  paging: Paging; onPaging: (p: Paging) => void;
}

/** A segment's members, highest engagement first (the server's order), with why each one is in it. */
export function SegmentMembersTable({ data, error, loading, reload, paging, onPaging }: Props) {
  const { t, te } = useI18n();
  if (error) return <RequestError error={error} onRetry={reload} />;
  const columns: TableColumnsType<MemberProfile> = [
    { title: t('member.name'), dataIndex: 'name', render: (name: string, m) => <Link to={`/members/${m.member_id}`}>{name}</Link> },
    {
      title: t('members.stage'), dataIndex: 'communities',
      render: (cs: MemberProfile['communities']) => (
        <Space size={[4, 4]} wrap>
          {cs.map((c) => <Tag key={c.community_id} color={STAGE_COLOR[c.stage]}>{c.name} · {te('lifecycle', c.stage)}</Tag>)}
        </Space>
      ),
    },
    { title: t('members.roles'), dataIndex: 'roles', render: (rs: string[]) => rs.map((r) => <Tag key={r}>{te('segmentRole', r)}</Tag>) },
    { title: t('members.level'), dataIndex: 'level', width: 120, render: (l: number | null) => (l ? `L${l} ${te('level', String(l))}` : '—') },
    { title: t('members.score'), dataIndex: 'score', width: 90, align: 'right', render: (s: number | null) => (s === null ? '—' : s.toFixed(1)) },
    { title: t('members.lastActiveDay'), dataIndex: 'last_active_day', width: 130, render: (d: string | null) => d ?? '—' },
  ];
  return (
    <>
      <PagedTable<MemberProfile>
        rowKey="member_id"
        columns={columns}
        data={data}
        loading={loading}
        scroll={{ x: 900 }}
        paging={paging}
        onPaging={onPaging}
        pager={{ showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
        data-testid="segment-members"
      />
      {data && <Typography.Text type="secondary">{t('members.asOf', { at: formatTime(data.as_of) })}</Typography.Text>}
    </>
  );
}
