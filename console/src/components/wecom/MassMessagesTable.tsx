import { useState } from 'react';
import { Button, Card, Empty, Select, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { MASS_STATUSES, massMessagesApi, type MassMessage, type MassStatus } from './massMessagesApi.js';

const COLORS: Record<MassStatus, string> = { pending: 'default', created: 'processing', sent: 'success', failed: 'error', cancelled: 'warning' };

/** Group mass messages Shequn made in WeCom for sends handed over to staff, with what WeCom reported back. */
export function MassMessagesTable() {
  const { t } = useI18n();
  const [paging, setPaging] = usePaging();
  const [status, setStatus] = useState<MassStatus | undefined>(undefined);
  const list = useRequest(() => massMessagesApi.list({ ...paging, ...(status ? { status } : {}) }), [paging.page, paging.pageSize, status]);

  return (
    <Card style={{ marginTop: 16 }} title={t('wecom.mass.title')} data-testid="wecom-mass-messages"
      extra={(
        <Space>
          <Select<MassStatus> allowClear style={{ width: 140 }} placeholder={t('wecom.mass.allStatuses')} value={status}
            onChange={(v) => { setStatus(v); setPaging({ page: 1, pageSize: paging.pageSize }); }}
            options={MASS_STATUSES.map((s) => ({ value: s, label: t(`wecom.mass.status.${s}`) }))} />
          <Button icon={<ReloadOutlined />} onClick={list.reload}>{t('wecom.mass.reload')}</Button>
        </Space>
      )}>
      <Typography.Paragraph type="secondary">{t('wecom.mass.intro')}</Typography.Paragraph>
      {list.error ? <RequestError error={list.error} onRetry={list.reload} /> : (
        <PagedTable<MassMessage> rowKey="id" size="small" loading={list.loading} data={list.data} paging={paging} onPaging={setPaging}
          locale={{ emptyText: <Empty description={t('wecom.mass.empty')} /> }}
          columns={[
            { key: 'status', title: t('wecom.mass.statusLabel'), width: 110, render: (_v, r) => <Tag color={COLORS[r.status]}>{t(`wecom.mass.status.${r.status}`)}</Tag> },
            { key: 'group', title: t('wecom.mass.group'), width: 160, render: (_v, r) => r.communityName ?? r.chatId ?? '—' },
            { key: 'text', title: t('wecom.mass.text'), render: (_v, r) => (
              <Space direction="vertical" size={0}>
                <Typography.Text ellipsis={{ tooltip: r.text }} style={{ maxWidth: 280 }}>{r.text || '—'}</Typography.Text>
                {r.error && <Typography.Text type="danger" style={{ fontSize: 12 }}>{r.error}</Typography.Text>}
                {r.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.note}</Typography.Text>}
              </Space>
            ) },
            { key: 'sender', title: t('wecom.mass.sender'), width: 120, render: (_v, r) => r.sender ?? <Typography.Text type="secondary">{t('wecom.mass.senderUnknown')}</Typography.Text> },
            { key: 'msgid', title: t('wecom.mass.msgid'), width: 140, render: (_v, r) => (r.msgid
              ? <Typography.Text code copyable={{ text: r.msgid }} ellipsis style={{ maxWidth: 120 }}>{r.msgid}</Typography.Text> : '—') },
            { key: 'created', title: t('wecom.mass.createdAt'), width: 150, render: (_v, r) => formatTime(r.createdAt) },
            { key: 'sent', title: t('wecom.mass.sendTime'), width: 150, render: (_v, r) => (r.sendTime ? formatTime(r.sendTime) : '—') },
            { key: 'polled', title: t('wecom.mass.lastPolledAt'), width: 150, render: (_v, r) => (r.lastPolledAt ? formatTime(r.lastPolledAt) : '—') },
          ]} />
      )}
    </Card>
  );
}
