import { useState } from 'react';
import { Button, Descriptions, Divider, Drawer, Flex, Space, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, HistoryOutlined, SendOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { ContentPreview } from './ContentPreview.js';
import { OutcomesTable } from './OutcomesTable.js';
import { VersionHistory } from './VersionHistory.js';
import type { Template } from './templatesApi.js';

interface Props {
  template: Template | null;
  /** Bumped after a send or an edit, so the outcomes are asked again. */
  refreshKey: number;
  onClose: () => void;
  onEdit: (t: Template) => void;
  onSend: (t: Template) => void;
}

/** One template: each variant's current content, its version history, and how the variants compare. */
export function TemplateDetailDrawer({ template, refreshKey, onClose, onEdit, onSend }: Props) {
  const { t, te } = useI18n();
  const { can } = useAuth();
  const [historyKey, setHistoryKey] = useState<string | null>(null);
  const active = template?.status === 'active';

  return (
    <Drawer open={!!template} onClose={onClose} width={820} destroyOnHidden title={template?.name}
      extra={template && can('operator') && active && (
        <Space>
          <Button icon={<EditOutlined />} onClick={() => onEdit(template)} data-testid="template-edit">{t('common.edit')}</Button>
          <Button type="primary" icon={<SendOutlined />} onClick={() => onSend(template)} data-testid="template-send">{t('templates.send')}</Button>
        </Space>
      )}>
      {template && (
        <>
          <Descriptions size="small" column={3} items={[
            { key: 'type', label: t('templates.contentType'), children: te('templateContentType', template.contentType) },
            { key: 'status', label: t('templates.status'), children: <Tag color={active ? 'green' : undefined}>{te('templateStatus', template.status)}</Tag> },
            { key: 'updated', label: t('templates.updatedAt'), children: formatTime(template.updatedAt) },
          ]} />
          <Tabs style={{ marginTop: 12 }} data-testid="template-variant-tabs"
            items={template.variants.map((v) => ({
              key: v.key,
              label: <>{t('templates.variant', { key: v.key })} {v.retired && <Tag>{t('templates.retired')}</Tag>}</>,
              children: (
                <Flex vertical gap={12}>
                  <Flex gap={16} align="center" wrap>
                    <Typography.Text>{t('templates.weight')}: {v.weight}</Typography.Text>
                    <Tag color="blue">v{v.version}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatTime(v.updatedAt)}</Typography.Text>
                    <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistoryKey(v.key)} data-testid={`template-history-${v.key}`}>
                      {t('templates.history')}
                    </Button>
                  </Flex>
                  <ContentPreview type={template.contentType} content={v.content} />
                </Flex>
              ),
            }))} />
          <Divider titlePlacement="start">{t('templates.outcomes')}</Divider>
          <OutcomesTable templateId={template.id} version={refreshKey} />
          <VersionHistory templateId={template.id} contentType={template.contentType} variantKey={historyKey} onClose={() => setHistoryKey(null)} />
        </>
      )}
    </Drawer>
  );
}
