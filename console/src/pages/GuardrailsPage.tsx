import { useState } from 'react';
import { Flex, Spin, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { GuardrailSettingsForm } from '../components/guardrails/GuardrailSettingsForm.js';
import { OptOutsTable } from '../components/guardrails/OptOutsTable.js';
import { useGuardrailsApi, type GuardrailSettingsView } from '../components/guardrails/guardrailsApi.js';

/** 自动化守则: the quiet hours, caps and opt-out keywords every automated message obeys, and who opted out. */
export default function GuardrailsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const client = useGuardrailsApi();
  const { data, error, reload } = useRequest(() => client.settings(), [client]);
  // A save answers the new settings; showing them at once avoids a second request and a flicker.
  const [saved, setSaved] = useState<GuardrailSettingsView>();
  const view = saved ?? data;

  if (error && !view) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader title={t('nav.guardrails')} testId="guardrails-title" />
      <Typography.Paragraph type="secondary">{t('guardrails.intro')}</Typography.Paragraph>
      <Flex vertical gap={24}>
        {view ? <GuardrailSettingsForm view={view} editable={can('admin')} client={client} onSaved={setSaved} /> : <Spin />}
        <OptOutsTable client={client} editable={can('operator')} />
      </Flex>
    </>
  );
}
