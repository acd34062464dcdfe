import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { App, Breadcrumb, Card, Descriptions, Skeleton, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { StarFilled } from '@ant-design/icons';
import { api, type MemberDetail } from '../api.js';
import { useAuth } from '../auth.js';
import { useRequest } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatNumber, formatTime } from '../format.js';
import { RequestError } from '../components/RequestError.js';
import { Identities } from '../components/Identities.js';
import { MemberEventsTable } from '../components/MemberEventsTable.js';
import { errorText } from '../components/errors.js';

type Membership = MemberDetail['memberships'][number];

export default function MemberPage() {
  const { id = '' } = useParams();
  const { t, te } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const { data: member, error, loading, reload } = useRequest(() => api.member(id), [id]);

  if (error) return <RequestError error={error} onRetry={reload} />;
  if (loading && !member) return <Skeleton active />;
  if (!member) return null;

  const update = async (body: { displayName?: string; optedOut?: boolean }) => {
    setSaving(true);
    try {
      await api.updateMember(member.id, body);
      message.success(t('common.saved'));
      reload();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  const editable = can('operator');
  const columns: TableColumnsType<Membership> = [
    {
      title: t('event.community'), dataIndex: 'communityName',
      render: (name: string, m) => <Link to={`/communities/${m.communityId}`}>{name}</Link>,
    },
    {
      title: t('member.role'), dataIndex: 'role', width: 140,
      render: (r: string, m) => (
        <Space size={4}>
          <Tag>{te('memberRole', r)}</Tag>
          {m.isKol && <Tag color="magenta" icon={<StarFilled />}>{t('member.kol')}</Tag>}
        </Space>
      ),
    },
    { title: t('member.joinedAt'), dataIndex: 'joinedAt', width: 160, render: formatTime },
    { title: t('member.leftAt'), dataIndex: 'leftAt', width: 160, render: (v: string | null) => (v ? <Tag color="red">{formatTime(v)}</Tag> : '—') },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/members">{t('nav.members')}</Link> }, { title: member.displayName }]} />
      <Typography.Title level={3} data-testid="member-title"
        editable={editable && !saving ? {
          tooltip: t('common.edit'),
          onChange: (v) => {
            const name = v.trim();
            if (name && name !== member.displayName) void update({ displayName: name });
          },
        } : false}>
        {member.displayName}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'identities', label: t('member.identities'), span: 3, children: <Identities identities={member.identities} /> },
            { key: 'firstSeen', label: t('member.firstSeen'), children: formatTime(member.firstSeenAt) },
            { key: 'lastActive', label: t('member.lastActive'), children: formatTime(member.lastActiveAt) },
            { key: 'messages', label: t('member.messages'), children: formatNumber(member.messages) },
            {
              key: 'optedOut', label: t('member.optedOut'), span: 3,
              children: (
                <Space>
                  <Switch checked={member.optedOut} loading={saving} disabled={!editable} data-testid="member-opt-out"
                    onChange={(checked) => void update({ optedOut: checked })} />
                  <Typography.Text type="secondary">{t('member.optedOutHelp')}</Typography.Text>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('member.memberships')} style={{ marginBottom: 16 }}>
        <Table<Membership> rowKey="communityId" size="middle" columns={columns} dataSource={member.memberships}
          pagination={member.memberships.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 700 }} locale={{ emptyText: t('member.noMemberships') }} />
      </Card>
      <Card title={t('member.events')}>
        <MemberEventsTable memberId={member.id} />
      </Card>
    </>
  );
}
