import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Flex, Input, Popconfirm, Segmented, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { StarFilled, UserAddOutlined } from '@ant-design/icons';
import { api, canActOn, type Community, type Membership } from '../../api.js';
import { useAuth } from '../../auth.js';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatNumber, formatTime } from '../../format.js';
import { RequestError } from '../RequestError.js';
import { PagedTable } from '../PagedTable.js';
import { errorText } from '../errors.js';
import { newIdempotencyKey } from '../idempotencyKey.js';
import { InviteMemberModal } from './InviteMemberModal.js';

type StatusFilter = 'active' | 'left' | 'all';
const ROLE_COLORS: Record<string, string> = { owner: 'gold', admin: 'blue', member: 'default' };
// The sandbox platform reports a join or leave back within about a second; one more look then usually shows it.
const RELOAD_AFTER_QUEUE_MS = 1500;

interface Props {
  community: Community;
  /** After an invitation or removal is queued, so the page can refresh its member count. */
  onChanged?: () => void;
}

export function CommunityMembersTab({ community, onChanged }: Props) {
  const communityId = community.id;
  const { t, te } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [inviting, setInviting] = useState(false);
  const [status, setStatus] = useState<StatusFilter>('active');
  const [q, setQ] = useState('');
  const [paging, setPaging] = usePaging();
  const { data, error, loading, reload } = useRequest(
    () => api.communityMembers(communityId, { ...paging, status, q }),
    [communityId, paging.page, paging.pageSize, status, q],
  );
  const firstPage = () => setPaging((p) => ({ ...p, page: 1 }));
  const editable = can('operator') && canActOn(community);

  const later = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(later.current), []);
  const afterQueued = () => {
    reload();
    onChanged?.();
    clearTimeout(later.current);
    later.current = setTimeout(() => {
      reload();
      onChanged?.();
    }, RELOAD_AFTER_QUEUE_MS);
  };

  // One key per member until the removal is accepted, so a retry after a lost answer cannot queue it twice.
  const removalKeys = useRef(new Map<string, string>());
  const remove = async (m: Membership) => {
    const key = removalKeys.current.get(m.memberId) ?? newIdempotencyKey();
    removalKeys.current.set(m.memberId, key);
    try {
      await api.removeMember(communityId, { memberId: m.memberId, idempotencyKey: key });
      removalKeys.current.delete(m.memberId);
      message.success(t('remove.queued'));
      afterQueued();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

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
  if (editable) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 110, fixed: 'right',
      render: (_, m) => (m.leftAt ? null : (
        <Popconfirm title={t('remove.confirm', { name: m.displayName })} description={t('remove.help')}
          okText={t('remove.action')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')}
          onConfirm={() => remove(m)}>
          <Button danger size="small" data-testid={`remove-member-${m.memberId}`}>{t('remove.action')}</Button>
        </Popconfirm>
      )),
    });
  }

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
        {editable && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setInviting(true)} style={{ marginInlineStart: 'auto' }}
            data-testid="invite-member">
            {t('invite.title')}
          </Button>
        )}
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
      {editable && (
        <InviteMemberModal open={inviting} community={community} onClose={() => setInviting(false)}
          onQueued={() => {
            setInviting(false);
            afterQueued();
          }} />
      )}
    </>
  );
}
