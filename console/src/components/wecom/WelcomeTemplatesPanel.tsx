import { useState } from 'react';
import { App, Button, Drawer, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined, SmileOutlined } from '@ant-design/icons';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { PagedTable } from '../PagedTable.js';
import { RequestError } from '../RequestError.js';
import { errorText } from '../errors.js';
import { WelcomeTemplateModal } from './WelcomeTemplateModal.js';
import { welcomeTemplatesApi, type WelcomeTemplate } from './welcomeTemplatesApi.js';

/** The 入群欢迎语素材 button of a corp card: a drawer listing the corp's WeCom welcome templates, with add, edit, refresh and delete. */
export function WelcomeTemplatesPanel({ corp }: { corp: { id: string; name: string } }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button style={{ marginTop: 12 }} icon={<SmileOutlined />} onClick={() => setOpen(true)} data-testid="wecom-welcome-open">{t('wecom.welcome.open')}</Button>
      <Drawer open={open} width={880} title={t('wecom.welcome.drawerTitle', { name: corp.name })} onClose={() => setOpen(false)} destroyOnHidden>
        {open && <TemplatesList corpId={corp.id} />}
      </Drawer>
    </>
  );
}

function TemplatesList({ corpId }: { corpId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [paging, setPaging] = usePaging();
  const list = useRequest(() => welcomeTemplatesApi.list(corpId, paging), [corpId, paging.page, paging.pageSize]);
  const [editing, setEditing] = useState<WelcomeTemplate | null | 'new'>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (id: string, run: () => Promise<unknown>, done: string) => {
    setBusy(id);
    try {
      await run();
      message.success(done);
      list.reload();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };

  if (list.error) return <RequestError error={list.error} onRetry={list.reload} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('wecom.welcome.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="wecom-welcome-add">{t('wecom.welcome.add')}</Button>
      </Space>
      <PagedTable<WelcomeTemplate> rowKey="id" size="small" loading={list.loading} data={list.data} paging={paging} onPaging={setPaging}
        locale={{ emptyText: <Empty description={t('wecom.welcome.empty')} /> }}
        columns={[
          { key: 'name', title: t('wecom.welcome.name'), dataIndex: 'name', width: 160 },
          { key: 'text', title: t('wecom.welcome.text'), render: (_v, r) => (r.text ? <Typography.Text ellipsis={{ tooltip: r.text.content }} style={{ maxWidth: 260 }}>{r.text.content}</Typography.Text> : '—') },
          { key: 'attachment', title: t('wecom.welcome.attachment'), width: 140, render: (_v, r) => (r.attachment
            ? <Tag>{t(`wecom.welcome.kind.${r.attachment.kind}`)}{r.attachment.kind !== 'image' ? ` · ${r.attachment.title}` : ''}</Tag> : '—') },
          { key: 'templateId', title: t('wecom.welcome.templateId'), width: 150, render: (_v, r) => <Typography.Text code copyable={{ text: r.templateId }} ellipsis style={{ maxWidth: 130 }}>{r.templateId}</Typography.Text> },
          { key: 'updated', title: t('wecom.welcome.updatedAt'), width: 150, render: (_v, r) => formatTime(r.updatedAt) },
          { key: 'actions', title: '', width: 190, render: (_v, r) => (
            <Space size={4}>
              <Button size="small" onClick={() => setEditing(r)}>{t('common.edit')}</Button>
              <Button size="small" icon={<ReloadOutlined />} loading={busy === r.id} title={t('wecom.welcome.refreshHelp')}
                onClick={() => act(r.id, () => welcomeTemplatesApi.refresh(corpId, r.id), t('wecom.welcome.refreshed'))}>{t('wecom.welcome.refresh')}</Button>
              <Popconfirm title={t('wecom.welcome.removeConfirm', { name: r.name })} description={t('wecom.welcome.removeHelp')} okButtonProps={{ danger: true }}
                okText={t('wecom.welcome.delete')} cancelText={t('common.cancel')} onConfirm={() => act(r.id, () => welcomeTemplatesApi.remove(corpId, r.id), t('wecom.welcome.removed'))}>
                <Button size="small" danger>{t('wecom.welcome.delete')}</Button>
              </Popconfirm>
            </Space>
          ) },
        ]} />
      <WelcomeTemplateModal corpId={corpId} open={editing !== null} template={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)} onSaved={() => { setEditing(null); list.reload(); }} />
    </>
  );
}
