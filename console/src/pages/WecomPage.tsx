import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import { useRequest } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { errorText } from '../components/errors.js';
import { CorpFormModal } from '../components/wecom/CorpFormModal.js';
import { absoluteUrl, wecomApi, type TestResult, type WecomCorp } from '../components/wecom/wecomApi.js';
import { GroupSyncPanel } from '../components/wecom/GroupSyncPanel.js';
import { GroupStatsChart } from '../components/wecom/GroupStatsChart.js';
import { WelcomeTemplatesPanel } from '../components/wecom/WelcomeTemplatesPanel.js';
import { MassMessagesTable } from '../components/wecom/MassMessagesTable.js';

/**
 * 企业微信: the corps this workspace connects, their callback URL to paste into WeCom, a connection test, group
 * sync and statistics, welcome templates per corp, and the group mass messages waiting for staff to confirm.
 */
export default function WecomPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const corps = useRequest(() => wecomApi.corps(), []);
  const [editing, setEditing] = useState<WecomCorp | null | 'new'>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [results, setResults] = useState<Record<string, TestResult>>({});

  const test = async (corp: WecomCorp) => {
    setTesting(corp.id);
    try {
      const result = await wecomApi.test(corp.id);
      setResults((r) => ({ ...r, [corp.id]: result }));
      corps.reload();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setTesting(null);
    }
  };
  const remove = async (corp: WecomCorp) => {
    try {
      await wecomApi.remove(corp.id);
      corps.reload();
    } catch (err) {
      message.error(errorText(err, t));
    }
  };

  if (corps.error) return <RequestError error={corps.error} onRetry={corps.reload} />;
  const items = corps.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('nav.wecom')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="wecom-add">{t('wecom.add')}</Button>} />
      <Typography.Paragraph type="secondary">{t('wecom.intro')}</Typography.Paragraph>
      {!corps.loading && !items.length && <Empty description={t('wecom.empty')} />}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {items.map((corp) => {
          const result = results[corp.id];
          return (
            <Card key={corp.id} title={corp.name} loading={corps.loading} data-testid={`wecom-corp-${corp.corpId}`}
              extra={(
                <Space>
                  <Button icon={<ApiOutlined />} loading={testing === corp.id} onClick={() => test(corp)} data-testid="wecom-test">{t('wecom.test')}</Button>
                  <Button onClick={() => setEditing(corp)}>{t('common.edit')}</Button>
                  <Popconfirm title={t('wecom.removeConfirm', { name: corp.name })} description={t('wecom.removeHelp')} okButtonProps={{ danger: true }}
                    okText={t('wecom.remove')} cancelText={t('common.cancel')} onConfirm={() => remove(corp)}>
                    <Button danger>{t('wecom.remove')}</Button>
                  </Popconfirm>
                </Space>
              )}>
              {result && (
                <Alert style={{ marginBottom: 12 }} showIcon type={result.ok ? 'success' : 'error'} data-testid="wecom-test-result"
                  message={result.ok ? t('wecom.testOk') : t('wecom.testFailed', { code: result.code })} description={result.message} />
              )}
              <Descriptions column={1} size="small" bordered items={[
                { key: 'callback', label: t('wecom.callbackUrl'), children: (
                  <>
                    <Typography.Text code copyable={{ text: absoluteUrl(corp.callbackUrl), tooltips: [t('common.copy'), t('common.copied')] }} style={{ wordBreak: 'break-all' }} data-testid="wecom-callback-url">
                      {absoluteUrl(corp.callbackUrl)}
                    </Typography.Text>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{t('wecom.callbackHelp')}</Typography.Paragraph>
                  </>
                ) },
                { key: 'corp', label: t('wecom.corpId'), children: <Typography.Text code>{corp.corpId}</Typography.Text> },
                { key: 'agent', label: t('wecom.agentId'), children: corp.agentId || '—' },
                { key: 'secrets', label: t('wecom.secrets'), children: (
                  <Space wrap>
                    <Tag>{t('wecom.secret')} {corp.secretMasked}</Tag>
                    <Tag>{t('wecom.token')} {corp.tokenMasked}</Tag>
                    <Tag>{t('wecom.encodingAesKey')} {corp.encodingAesKeyMasked}</Tag>
                  </Space>
                ) },
                { key: 'base', label: t('wecom.baseUrl'), children: corp.baseUrl ?? t('wecom.defaultBaseUrl') },
                { key: 'last', label: t('wecom.lastTest'), children: corp.lastTest
                  ? <Space><Tag color={corp.lastTest.ok ? 'green' : 'red'}>{corp.lastTest.ok ? t('wecom.testOk') : t('wecom.testFailedShort')}</Tag>{formatTime(corp.lastTest.at)}<Typography.Text type="secondary">{corp.lastTest.message}</Typography.Text></Space>
                  : t('wecom.neverTested') },
              ]} />
              <GroupSyncPanel corpId={corp.id} />
              <GroupStatsChart corpId={corp.id} />
              <WelcomeTemplatesPanel corp={corp} />
            </Card>
          );
        })}
      </Space>
      {items.length > 0 && <MassMessagesTable />}
      <CorpFormModal open={editing !== null} corp={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); corps.reload(); }} />
    </>
  );
}
