import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Flex, Form, InputNumber, Radio, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { checkInApi, KEYWORD_MAX_LENGTH, MAX_KEYWORDS, MAX_MILESTONES, RESET_PERIODS, type CheckInSettings, type CheckInSettingsView } from './checkInApi.js';

/** The API's field path ("milestones.1.days", "keywords.0") as the form's name path; keywords are one input. */
function formName(path: string): (string | number)[] {
  const parts = path.replace(/^body\.?/, '').split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return parts[0] === 'keywords' ? ['keywords'] : parts;
}

/** The workspace's check-in settings; admins save them, everyone else reads them. Points per check-in belong to the points page. */
export function CheckInSettingsForm({ view, editable, onSaved }: { view: CheckInSettingsView; editable: boolean; onSaved: (v: CheckInSettingsView) => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CheckInSettings>();
  const [saving, setSaving] = useState(false);
  const reset = Form.useWatch('resetPeriod', form);
  useEffect(() => { form.setFieldsValue(view.settings); }, [view, form]);

  const save = async () => {
    let v: CheckInSettings;
    try {
      v = await form.validateFields();
    } catch {
      return; // the form already shows what is wrong
    }
    setSaving(true);
    try {
      const body: CheckInSettings = {
        ...v, keywords: v.keywords.map((k) => k.trim()).filter(Boolean),
        milestones: (v.milestones ?? []).map((m) => ({ days: m.days, points: m.points ?? 0, cards: m.cards ?? 0 })),
      };
      onSaved(await checkInApi.saveSettings(body));
      message.success(t('common.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) form.setFields(err.fields.map((f) => ({ name: formName(f.path) as never, errors: [f.message] })));
      else message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  // No min or max on the inputs: InputNumber would quietly turn a typed 0 into 1 and the form would save a
  // number nobody typed. The rules say what is allowed instead.
  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('checkIn.wholeBetween', { min, max }) });
  const longest = reset === 'weekly' ? 7 : reset === 'monthly' ? 31 : 365;
  const rule = view.pointsRule;

  return (
    <Card title={t('checkIn.settings')} data-testid="check-in-settings">
      {!editable && <Alert type="info" showIcon title={t('checkIn.readOnly')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" disabled={!editable}>
        <Row gutter={24}>
          <Col xs={24} md={8}>
            <Form.Item name="enabled" label={t('checkIn.enabled')} valuePropName="checked" extra={t('checkIn.enabledHelp')}>
              <Switch data-testid="check-in-enabled" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="replyEnabled" label={t('checkIn.reply')} valuePropName="checked" extra={t('checkIn.replyHelp')}>
              <Switch data-testid="check-in-reply" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('checkIn.pointsPerCheckIn')} extra={<Link to="/points">{t('checkIn.pointsLink')}</Link>}>
              <Typography.Text data-testid="check-in-points-rule">
                {rule && rule.enabled
                  ? t(rule.dailyCap ? 'checkIn.pointsRuleCapped' : 'checkIn.pointsRule', { points: rule.points, cap: rule.dailyCap ?? 0 })
                  : t('checkIn.noPointsRule')}
              </Typography.Text>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="keywords" label={t('checkIn.keywords')} extra={t('checkIn.keywordsHelp')}
          rules={[
            { type: 'array', min: 1, max: MAX_KEYWORDS, message: t('checkIn.keywordsCount', { max: MAX_KEYWORDS }) },
            { validator: async (_, v: string[] = []) => { if (v.some((k) => k.trim().length > KEYWORD_MAX_LENGTH)) throw new Error(t('checkIn.keywordTooLong', { max: KEYWORD_MAX_LENGTH })); } },
          ]}>
          <Select mode="tags" tokenSeparators={[',', '，']} open={false} suffixIcon={null} data-testid="check-in-keywords" />
        </Form.Item>
        <Form.Item name="resetPeriod" label={t('checkIn.resetPeriod')} extra={t('checkIn.resetHelp')}>
          <Radio.Group optionType="button" options={RESET_PERIODS.map((p) => ({ value: p, label: te('resetPeriod', p) }))} data-testid="check-in-reset" />
        </Form.Item>
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Form.Item name={['makeUp', 'perMonth']} label={t('checkIn.makeUpPerMonth')} extra={t('checkIn.makeUpPerMonthHelp')} rules={[{ required: true, message: t('form.required') }, whole(0, 31)]}>
              <InputNumber style={{ width: 160 }} data-testid="check-in-make-up-per-month" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name={['makeUp', 'maxDaysBack']} label={t('checkIn.makeUpDaysBack')} extra={t('checkIn.makeUpDaysBackHelp')} rules={[{ required: true, message: t('form.required') }, whole(1, 31)]}>
              <InputNumber style={{ width: 160 }} data-testid="check-in-make-up-days-back" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t('checkIn.milestones')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('checkIn.milestonesHelp')}</Typography.Paragraph>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start" wrap data-testid={`milestone-${f.name}`}>
                  <Form.Item name={[f.name, 'days']} style={{ margin: 0 }} rules={[{ required: true, message: t('form.required') }, whole(2, longest)]}>
                    <InputNumber suffix={t('checkIn.daysUnit')} placeholder={t('checkIn.streakDays')} style={{ width: 170 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'points']} style={{ margin: 0 }} rules={[whole(0, 100000)]}>
                    <InputNumber suffix={t('checkIn.pointsUnit')} placeholder="0" style={{ width: 170 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'cards']} style={{ margin: 0 }} rules={[whole(0, 10)]}>
                    <InputNumber suffix={t('checkIn.cardsUnit')} placeholder="0" style={{ width: 170 }} />
                  </Form.Item>
                  {editable && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('checkIn.removeMilestone')} />}
                </Flex>
              ))}
              {editable && fields.length < MAX_MILESTONES && (
                <Button icon={<PlusOutlined />} onClick={() => add({ days: null, points: null, cards: null })} style={{ alignSelf: 'flex-start' }} data-testid="milestone-add">
                  {t('checkIn.addMilestone')}
                </Button>
              )}
            </Flex>
          )}
        </Form.List>
        {editable && <Button type="primary" loading={saving} onClick={save} style={{ marginTop: 16 }} data-testid="check-in-save">{t('common.save')}</Button>}
      </Form>
    </Card>
  );
}
