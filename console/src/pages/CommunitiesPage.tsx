import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, CHANNELS, COMMUNITY_STATUSES, COMMUNITY_TYPES, type Community } from '../api.js';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatNumber, formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { PagedTable } from '../components/PagedTable.js';
import { CommunityFormModal } from '../components/CommunityFormModal.js';
import { CommunityStatusTag, CommunityTypeTag } from '../components/CommunityTags.js';

export default function CommunitiesPage() {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const [creating, setCreating] = useState(false);
  const [p, setP] = useUrlState({ page: 1, pageSize: 20, q: '', type: '', status: '', channel: '' });
  const [search, setSearch] = useState(p.q);
  // The menu link or the back button can change the query under the box; follow it.
  useEffect(() => setSearch(p.q), [p.q]);
  const { data, error, loading, reload } = useRequest(
    () => api.communities(p),
    [p.page, p.pageSize, p.q, p.type, p.status, p.channel],
  );

  const filter = (patch: Partial<typeof p>) => setP({ ...patch, page: 1 });

  const columns: TableColumnsType<Community> = [
    {
      title: t('community.name'), dataIndex: 'name',
      render: (name: string, c) => <Link to={`/communities/${c.id}`}>{name}</Link>,
    },
    {
      title: t('community.type'), dataIndex: 'type', width: 170,
      render: (_, c) => <CommunityTypeTag type={c.type} subtype={c.subtype} />,
    },
    { title: t('community.channel'), dataIndex: 'channel', width: 110, render: (v: string) => te('channel', v) },
    { title: t('community.status'), dataIndex: 'status', width: 100, render: (_, c) => <CommunityStatusTag status={c.status} /> },
    {
      title: t('community.members'), dataIndex: 'memberCount', width: 120, align: 'right',
      render: (_, c) => (
        <Typography.Text type={c.memberCount >= c.capacity ? 'warning' : undefined}>
          {formatNumber(c.memberCount)} / {formatNumber(c.capacity)}
        </Typography.Text>
      ),
    },
    { title: t('community.messages7d'), dataIndex: 'messages7d', width: 120, align: 'right', render: formatNumber },
    {
      title: t('community.tags'), dataIndex: 'tags',
      render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 150, render: formatTime },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.communities')}
        extra={can('operator') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-community">
            {t('communities.create')}
          </Button>
        )}
      />
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('communities.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => filter({ q: v.trim() })}
          style={{ width: 260 }}
        />
        <Space wrap>
          <Select allowClear placeholder={t('community.type')} style={{ width: 130 }} value={p.type || undefined}
            onChange={(v?: string) => filter({ type: v ?? '' })}
            options={COMMUNITY_TYPES.map((v) => ({ value: v, label: te('type', v) }))} />
          <Select allowClear placeholder={t('community.status')} style={{ width: 130 }} value={p.status || undefined}
            onChange={(v?: string) => filter({ status: v ?? '' })}
            options={COMMUNITY_STATUSES.map((v) => ({ value: v, label: te('communityStatus', v) }))} />
          <Select allowClear placeholder={t('community.channel')} style={{ width: 130 }} value={p.channel || undefined}
            onChange={(v?: string) => filter({ channel: v ?? '' })}
            options={CHANNELS.map((v) => ({ value: v, label: te('channel', v) }))} />
        </Space>
      </Flex>
      {error ? <RequestError error={error} onRetry={reload} /> : (
        <PagedTable<Community>
          rowKey="id"
          columns={columns}
          data={data}
          loading={loading}
          scroll={{ x: 1000 }}
          paging={p}
          onPaging={setP}
          pager={{ showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100] }}
        />
      )}
      <CommunityFormModal
        open={creating}
        onClose={() => setCreating(false)}
        save={api.createCommunity}
        onSaved={() => {
          setCreating(false);
          reload();
        }}
      />
    </>
  );
}
