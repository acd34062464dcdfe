import { Alert, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import type { CapWarning } from './sopApi.js';

/** The days on which a plan would push some group past the per-group daily cap of marketing sends. */
export function CapWarnings({ warnings, cap }: { warnings: CapWarning[]; cap: number | null }) {
  const { t } = useI18n();
  if (!warnings.length || cap === null) return null;
  const shown = warnings.slice(0, 5);
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="sop-cap-warning"
      message={t('sop.cap.title', { days: warnings.length, cap })}
      description={
        <>
          {shown.map((w) => (
            <Typography.Paragraph key={w.date} style={{ margin: 0 }}>
              {t('sop.cap.day', { date: w.date, communities: w.communities, max: w.maxSends })}
              {w.examples.length > 0 && ` (${w.examples.map((e) => e.name).join('、')})`}
            </Typography.Paragraph>
          ))}
          {warnings.length > shown.length && <Typography.Text type="secondary">{t('sop.cap.more', { n: warnings.length - shown.length })}</Typography.Text>}
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('sop.cap.explain')}</Typography.Paragraph>
        </>
      } />
  );
}
