import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { ApiError } from '../api.js';
import { useI18n } from '../i18n/index.js';
import { errorText } from './errors.js';

/** Full-area answer for a failed load: 403 and 404 get their own pages, anything else can be retried. */
export function RequestError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (error.status === 403) {
    return <Result status="403" title="403" subTitle={t('error.forbidden')} />;
  }
  if (error.status === 404) {
    return (
      <Result status="404" title="404" subTitle={t('error.notFound')}
        extra={<Button onClick={() => navigate(-1)}>{t('common.back')}</Button>} />
    );
  }
  return (
    <Result status="error" title={t('error.loadFailed')} subTitle={errorText(error, t)}
      extra={onRetry && <Button type="primary" onClick={onRetry}>{t('common.retry')}</Button>} />
  );
}
