import { useState } from 'react';
import { App, Button, Input, Space, Typography } from 'antd';
import { apiRequest } from '../../api.js';
import { formatTime } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { copyText } from '../tasks/copyText.js';

/**
 * Mints the member's signed link to their pages (docs/member-pages.md) and copies it, for an operator to
 * send the member privately. The link stays shown, in case the browser refused the copy.
 */
export function MemberLinkButton({ memberId }: { memberId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const mint = async () => {
    setBusy(true);
    try {
      const made = await apiRequest<{ url: string; expiresAt: string }>('POST', `/members/${encodeURIComponent(memberId)}/member-link`, {});
      setLink(made);
      if (await copyText(made.url)) message.success(t('points.memberLinkCopied', { date: formatTime(made.expiresAt) }));
      else message.warning(t('points.memberLinkCopyFailed'));
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%', margin: '12px 0' }}>
      <Button onClick={mint} loading={busy} data-testid="copy-member-link">{t('points.memberLink')}</Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('points.memberLinkHelp')}</Typography.Text>
      {link && <Input readOnly value={link.url} onFocus={(e) => e.target.select()} data-testid="member-link-url" />}
    </Space>
  );
}
