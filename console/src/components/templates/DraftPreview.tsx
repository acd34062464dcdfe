import { useEffect, useState } from 'react';
import { Alert, Flex, Spin, Typography } from 'antd';
import { CommunityPicker } from './CommunityPicker.js';
import { MemberPicker } from '../MemberPicker.js';
import { errorText } from '../errors.js';
import { useI18n } from '../../i18n/index.js';
import { ContentPreview } from './ContentPreview.js';
import { useTemplatesApi, type Content, type ContentType, type DraftPreview as Draft } from './templatesApi.js';

const DEBOUNCE_MS = 400;

/**
 * The editor's live preview: the server renders the content being typed (the same renderer a send uses)
 * with the variables of the community and member picked here; problems show as the operator types.
 */
export function DraftPreview({ contentType, content }: { contentType: ContentType; content: Content | undefined }) {
  const { t } = useI18n();
  const templatesApi = useTemplatesApi();
  const [communityId, setCommunityId] = useState<string>();
  const [memberId, setMemberId] = useState<string>();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const body = JSON.stringify({ contentType, content: content ?? {}, communityId, memberId: communityId ? memberId : undefined });

  useEffect(() => {
    let stale = false;
    setLoading(true);
    const timer = setTimeout(() => {
      templatesApi.previewDraft(JSON.parse(body)).then(
        (d) => { if (!stale) { setDraft(d); setError(null); setLoading(false); } },
        (e: unknown) => { if (!stale) { setError(e); setLoading(false); } },
      );
    }, DEBOUNCE_MS);
    return () => { stale = true; clearTimeout(timer); };
  }, [body, templatesApi]);

  return (
    <Flex vertical gap={12} data-testid="template-draft-preview">
      <Typography.Text strong>{t('templates.preview')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('templates.previewWith')}</Typography.Text>
      <CommunityPicker value={communityId} onChange={setCommunityId} placeholder={t('templates.previewCommunity')} testId="template-preview-community" />
      <MemberPicker value={memberId} onChange={setMemberId} placeholder={t('templates.previewMember')} />
      <Spin spinning={loading}>
        {error ? <Alert type="error" showIcon title={errorText(error, t)} />
          : draft && (
            <Flex vertical gap={8}>
              <ContentPreview type={contentType} content={draft.content} testId="template-draft-rendered" />
              {draft.problems.length > 0 && (
                <Alert type="warning" showIcon title={t('templates.problems')}
                  description={<ul style={{ margin: 0, paddingInlineStart: 18 }}>{draft.problems.map((p) => <li key={p.path + p.message}>{p.message}</li>)}</ul>} />
              )}
              {draft.unfilled.length > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('templates.unfilled', { list: draft.unfilled.map((v) => `{{${v}}}`).join(' ') })}
                </Typography.Text>
              )}
            </Flex>
          )}
      </Spin>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('templates.groupRule')}</Typography.Text>
    </Flex>
  );
}
