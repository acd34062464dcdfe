import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n/index.js';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result status="404" title="404" subTitle={t('error.pageNotFound')}
      extra={<Link to="/"><Button type="primary">{t('common.home')}</Button></Link>} />
  );
}
