import { useState } from 'react';
import { Flex, Spin, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { DistributionSettingsForm } from '../components/distribution/DistributionSettingsForm.js';
import { DistributorsCard } from '../components/distribution/DistributorsCard.js';
import { CommissionsCard } from '../components/distribution/CommissionsCard.js';
import { WithdrawalsCard } from '../components/distribution/WithdrawalsCard.js';
import { distributionApi, type DistributionSettings } from '../components/distribution/distributionApi.js';

/** 分销: rates and binding rule, applications and distributors, the commission ledger, withdrawals to settle. */
export default function DistributionPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const settings = useRequest(() => distributionApi.settings(), []);
  const [saved, setSaved] = useState<DistributionSettings>();
  // A decision in one card (a withdrawal asked for) changes what the others show.
  const [tick, setTick] = useState(0);
  const changed = () => setTick((n) => n + 1);
  const view = saved ?? settings.data;
  return (
    <>
      <PageHeader title={t('nav.distribution')} testId="distribution-title" />
      <Typography.Paragraph type="secondary">{t('distribution.intro')}</Typography.Paragraph>
      <Flex vertical gap={24}>
        {settings.error && !view ? <RequestError error={settings.error} onRetry={settings.reload} />
          : view ? <DistributionSettingsForm settings={view} editable={can('admin')} onSaved={setSaved} /> : <Spin />}
        <DistributorsCard editable={can('operator')} onChanged={changed} />
        <WithdrawalsCard editable={can('operator')} reloadKey={tick} onChanged={changed} />
        <CommissionsCard reloadKey={tick} />
      </Flex>
    </>
  );
}
