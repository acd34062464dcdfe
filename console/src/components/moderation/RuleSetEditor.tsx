import { useEffect, type ReactNode } from 'react';
import { App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { DeleteAction } from '../RowActions.js';
import { errorText } from '../errors.js';
import { TestMessageBox } from './TestMessageBox.js';
import { moderationApi, type RuleSet, type RuleSettings, type Scope, type WordCategory } from './moderationApi.js';

interface Values { enabled: boolean; rules: RuleSettings }

/** An API path such as rules.links.allowDomains.0 lands on its input (the list as a whole). */
const fieldOf = (path: string): (string | number)[] | null => {
  const parts = path.replace(/^body\.?/, '').split('.');
  if (parts[0] !== 'rules' && parts[0] !== 'enabled') return null;
  return parts.filter((p) => !/^\d+$/.test(p));
};

const num = (min: number, max: number) => <InputNumber min={min} max={max} precision={0} style={{ width: 110 }} />;

/** Edits one scope's rule set (or a new one): every rule kind's settings, with the live test box beside it. */
export function RuleSetEditor({ scope, ruleSet, defaults, categories, editable, onSaved }: {
  scope: Scope; ruleSet: RuleSet | undefined; defaults: RuleSettings; categories: WordCategory[]; editable: boolean; onSaved: (r?: RuleSet) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const draft = Form.useWatch('rules', form);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ enabled: ruleSet?.enabled ?? true, rules: ruleSet?.rules ?? defaults });
  }, [ruleSet, defaults, form]);

  const { saving, submit } = useFormSubmit(form, fieldOf, async (v) => {
    const saved = ruleSet ? await moderationApi.updateRuleSet(ruleSet.id, v) : await moderationApi.createRuleSet({ scope, ...v });
    message.success(t('common.saved'));
    onSaved(saved);
  });

  const kind = (name: keyof RuleSettings, extra?: ReactNode) => (
    <Card size="small" title={t(`moderation.kind.${name as Exclude<keyof RuleSettings, 'warnText'>}`)} extra={
      <Form.Item name={['rules', name, 'enabled']} valuePropName="checked" noStyle><Switch disabled={!editable} data-testid={`rule-${name}-enabled`} /></Form.Item>
    }>
      <Typography.Paragraph type="secondary" style={{ marginBottom: extra ? 8 : 0 }}>{t(`moderation.kindHelp.${name as Exclude<keyof RuleSettings, 'warnText'>}`)}</Typography.Paragraph>
      {extra}
    </Card>
  );

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={14}>
        <Form form={form} layout="vertical" disabled={!editable} data-testid="rule-set-form">
          <Flex vertical gap={12}>
            <Form.Item name="enabled" valuePropName="checked" label={t('moderation.enabled')} extra={t('moderation.enabledHelp')} style={{ marginBottom: 0 }}><Switch /></Form.Item>
            {kind('words', <Form.Item name={['rules', 'words', 'categories']} label={t('moderation.categories')} extra={t('moderation.categoriesHelp')} style={{ marginBottom: 0 }}>
              <Select mode="multiple" options={categories.map((c) => ({ value: c.category, label: `${c.category} (${c.terms})` }))} placeholder={t('moderation.allCategories')} />
            </Form.Item>)}
            {kind('links', <Form.Item name={['rules', 'links', 'allowDomains']} label={t('moderation.allowDomains')} style={{ marginBottom: 0 }}>
              <Select mode="tags" tokenSeparators={[',', ' ']} open={false} placeholder="example.com" />
            </Form.Item>)}
            {kind('qrCodes', <Form.Item name={['rules', 'qrCodes', 'allowDomains']} label={t('moderation.allowDomains')} style={{ marginBottom: 0 }}>
              <Select mode="tags" tokenSeparators={[',', ' ']} open={false} placeholder="example.com" />
            </Form.Item>)}
            {kind('contacts')}
            {kind('flooding', <Space wrap>
              <Form.Item name={['rules', 'flooding', 'maxMessages']} label={t('moderation.maxMessages')} style={{ marginBottom: 0 }}>{num(2, 100)}</Form.Item>
              <Form.Item name={['rules', 'flooding', 'perSeconds']} label={t('moderation.perSeconds')} style={{ marginBottom: 0 }}>{num(5, 3600)}</Form.Item>
            </Space>)}
            {kind('repeats', <Space wrap>
              <Form.Item name={['rules', 'repeats', 'minGroups']} label={t('moderation.minGroups')} style={{ marginBottom: 0 }}>{num(2, 50)}</Form.Item>
              <Form.Item name={['rules', 'repeats', 'withinMinutes']} label={t('moderation.withinMinutes')} style={{ marginBottom: 0 }}>{num(1, 1440)}</Form.Item>
            </Space>)}
            {kind('newcomerLinks', <Form.Item name={['rules', 'newcomerLinks', 'withinMinutes']} label={t('moderation.newcomerMinutes')} style={{ marginBottom: 0 }}>{num(1, 10080)}</Form.Item>)}
            <Form.Item name={['rules', 'warnText']} label={t('moderation.warnText')} extra={t('moderation.warnTextHelp')} rules={[{ required: true, whitespace: true, message: t('moderation.warnTextRequired') }]}>
              <Input.TextArea rows={2} maxLength={300} showCount />
            </Form.Item>
            {editable && (
              <Space>
                <Button type="primary" loading={saving} onClick={submit} data-testid="rule-set-save">{ruleSet ? t('common.save') : t('moderation.create')}</Button>
                {ruleSet && <DeleteAction confirm={t('moderation.deleteConfirm')} label={t('moderation.delete')} onConfirm={async () => {
                  try { await moderationApi.deleteRuleSet(ruleSet.id); onSaved(); } catch (err) { message.error(errorText(err, t)); }
                }} />}
              </Space>
            )}
          </Flex>
        </Form>
      </Col>
      <Col xs={24} xl={10}><TestMessageBox scope={scope} rules={draft} /></Col>
    </Row>
  );
}
