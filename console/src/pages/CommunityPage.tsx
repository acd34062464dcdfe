import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Breadcrumb, Button, Card, Descriptions, Skeleton, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../api.js';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatNumber, formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { CommunityFormModal } from '../components/CommunityFormModal.js';
import { CommunityStatusTag, CommunityTypeTag } from '../components/CommunityTags.js';
import { CommunityMembersTab } from '../components/community/CommunityMembersTab.js';
import { CommunityActivityTab } from '../components/community/CommunityActivityTab.js';
import { CommunityHealthTab } from '../components/community/CommunityHealthTab.js';
import { ChatTimeline } from '../components/community/ChatTimeline.js';

const TABS = ['members', 'activity', 'health', 'chat'] as const;
type TabKey = (typeof TABS)[number];

export default function CommunityPage() {
  const { id = '' } = useParams();
  const { t, te } = useI18n();
  const { can } = useAuth();
  const [editing, setEditing] = useState(false);
  const [p, setP] = useUrlState({ tab: 'members' });
  const tab: TabKey = (TABS as readonly string[]).includes(p.tab) ? (p.tab as TabKey) : 'members';
  const { data: community, error, loading, reload } = useRequest(() => api.community(id), [id]);

  if (error) return <RequestError error={error} onRetry={reload} />;
  if (loading && !community) return <Skeleton active />;
  if (!community) return null;

  const c = community;
  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }}
        items={[{ title: <Link to="/communities">{t('nav.communities')}</Link> }, { title: c.name }]} />
      <PageHeader
        testId="community-title"
        title={c.name}
        extra={can('operator') && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-community">{t('common.edit')}</Button>
        )}
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'type', label: t('community.type'), children: <CommunityTypeTag type={c.type} subtype={c.subtype} /> },
            { key: 'status', label: t('community.status'), children: <CommunityStatusTag status={c.status} /> },
            { key: 'channel', label: t('community.channel'), children: te('channel', c.channel) },
            { key: 'externalId', label: t('community.externalId'), children: <Typography.Text copyable>{c.externalId}</Typography.Text> },
            { key: 'members', label: t('community.members'), children: `${formatNumber(c.memberCount)} / ${formatNumber(c.capacity)}` },
            { key: 'messages7d', label: t('community.messages7d'), children: formatNumber(c.messages7d) },
            { key: 'createdAt', label: t('common.createdAt'), children: formatTime(c.createdAt) },
            {
              key: 'tags', label: t('community.tags'),
              children: c.tags.length ? c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>,
            },
          ]}
        />
      </Card>
      <Card>
        <Tabs
          key={c.id}
          activeKey={tab}
          onChange={(k) => setP({ tab: k })}
          destroyOnHidden
          items={[
            { key: 'members', label: t('community.tabMembers'), children: <CommunityMembersTab community={c} onChanged={reload} /> },
            { key: 'activity', label: t('community.tabActivity'), children: <CommunityActivityTab communityId={c.id} /> },
            { key: 'health', label: t('community.tabHealth'), children: <CommunityHealthTab communityId={c.id} /> },
            { key: 'chat', label: t('community.tabChat'), children: <ChatTimeline community={c} /> },
          ]}
        />
      </Card>
      <CommunityFormModal
        open={editing}
        community={c}
        onClose={() => setEditing(false)}
        save={(input) => api.updateCommunity(c.id, input)}
        onSaved={() => {
          setEditing(false);
          reload();
        }}
      />
    </>
  );
}
