import { Drawer, Empty, Flex, List, Tag, Typography } from 'antd';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { RequestError } from '../RequestError.js';
import { ContentPreview } from './ContentPreview.js';
import { useTemplatesApi, type ContentType } from './templatesApi.js';

interface Props { templateId: string; contentType: ContentType; variantKey: string | null; onClose: () => void }

/** Every version of one variant as written (variables unfilled), newest first: what past sends used. */
export function VersionHistory({ templateId, contentType, variantKey, onClose }: Props) {
  const { t } = useI18n();
  const templatesApi = useTemplatesApi();
  const { data, error, loading, reload } = useRequest(
    () => (variantKey ? templatesApi.versions(templateId, variantKey) : Promise.resolve({ items: [] })), [templateId, variantKey]);
  return (
    <Drawer open={!!variantKey} onClose={onClose} width={560} title={t('templates.historyOf', { key: variantKey ?? '' })} destroyOnHidden>
      {error ? <RequestError error={error} onRetry={reload} /> : (
        <List loading={loading} dataSource={data?.items ?? []} locale={{ emptyText: <Empty /> }} data-testid="version-history"
          renderItem={(v) => (
            <List.Item key={v.version}>
              <Flex vertical gap={8} style={{ width: '100%' }}>
                <Flex gap={8} align="center">
                  <Tag color={v.current ? 'blue' : undefined}>v{v.version}</Tag>
                  {v.current && <Tag color="green">{t('templates.current')}</Tag>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('templates.versionBy', { name: v.createdByName ?? '—', time: formatTime(v.createdAt) })}
                  </Typography.Text>
                </Flex>
                <ContentPreview type={contentType} content={v.content} />
              </Flex>
            </List.Item>
          )} />
      )}
    </Drawer>
  );
}
