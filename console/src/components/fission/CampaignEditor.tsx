import { useEffect } from 'react';
import { App, Col, DatePicker, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { CommunitySelect } from '../CommunitySelect.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { useLiveCodesApi } from '../live-codes/liveCodesApi.js';
import { rewardsApi } from '../points/rewardsApi.js';
import { BLANK, campaignFieldOf, inputOf, valuesOf, type CampaignValues } from './campaignForm.js';
import { CAMPAIGN_STATUSES, MESSAGE_VARIABLES, REWARD_KINDS, fissionApi, type Campaign } from './fissionApi.js';

interface Props { open: boolean; campaign: Campaign | null; onClose: () => void; onSaved: (c: Campaign) => void }

/** Create or edit a campaign: its live code, the task (goal, hold time), the reward, the poster art and the messages. */
export function CampaignEditor({ open, campaign, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const liveCodesApi = useLiveCodesApi();
  const [form] = Form.useForm<CampaignValues>();
  const rewardKind = Form.useWatch('rewardKind', form) ?? 'points';
  const codes = useRequest(() => (open ? liveCodesApi.list({ pageSize: 200 }) : Promise.resolve(null)), [open, liveCodesApi]);
  const rewards = useRequest(() => (open ? rewardsApi.list({ pageSize: 200 }) : Promise.resolve(null)), [open]);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(campaign ? valuesOf(campaign) : BLANK);
  }, [open, campaign, form]);

  const { saving, submit: save } = useFormSubmit(form, campaignFieldOf, async (v) => {
    const saved = campaign ? await fissionApi.update(campaign.id, inputOf(v)) : await fissionApi.create(inputOf(v));
    message.success(t('common.saved'));
    onSaved(saved);
  });

  const required = [{ required: true, message: t('form.required') }];
  const variables = MESSAGE_VARIABLES.map((n) => `{{${n}}}`).join(' ');
  return (
    <Modal open={open} width={760} title={campaign ? t('fission.editTitle') : t('fission.createTitle')} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={saving} onOk={save} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" autoComplete="off" data-testid="fission-form">
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label={t('fission.name')} rules={[...required, { whitespace: true, message: t('form.required') }, { max: 100 }]}>
              <Input data-testid="fission-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="status" label={t('fission.status')} rules={required}>
              <Radio.Group optionType="button" options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`fission.status.${s}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="liveCodeId" label={t('fission.liveCode')} rules={required} extra={t('fission.liveCodeHelp')}>
              <Select loading={codes.loading} options={codes.data?.items.map((c) => ({ value: c.id, label: c.name })) ?? []} data-testid="fission-live-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="window" label={t('fission.window')} extra={t('fission.windowHelp')}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="goal" label={t('fission.goal')} rules={required}>
              <InputNumber min={1} max={1000} precision={0} suffix={t('fission.people')} style={{ width: '100%' }} data-testid="fission-goal" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="holdHours" label={t('fission.holdHours')} rules={required} extra={t('fission.holdHelp')}>
              <InputNumber min={0} max={720} precision={0} suffix={t('fission.hours')} style={{ width: '100%' }} data-testid="fission-hold" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="vipCommunityId" label={t('fission.vip')} extra={t('fission.vipHelp')}>
              <CommunitySelect onChange={() => undefined} placeholder={t('fission.noVip')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="rewardKind" label={t('fission.reward')}>
          <Radio.Group options={REWARD_KINDS.map((k) => ({ value: k, label: t(`fission.rewardKind.${k}`) }))} />
        </Form.Item>
        {rewardKind === 'points' && (
          <Form.Item name="rewardPoints" label={t('fission.rewardPoints')} rules={required}>
            <InputNumber min={1} max={1000000} precision={0} style={{ width: 200 }} data-testid="fission-reward-points" />
          </Form.Item>
        )}
        {rewardKind === 'reward' && (
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name="rewardId" label={t('fission.rewardItem')} rules={required} extra={t('fission.rewardItemHelp')}>
                <Select loading={rewards.loading} data-testid="fission-reward-item"
                  options={rewards.data?.items.filter((r) => r.enabled).map((r) => ({ value: r.id, label: `${r.name}${r.stock === null ? '' : ` · ${t('fission.stockLeft', { n: r.stock })}`}` })) ?? []} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="rewardCostYuan" label={t('fission.rewardCost')} extra={t('fission.rewardCostHelp')}>
                <InputNumber min={0} max={1000000} precision={2} prefix="¥" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Divider titlePlacement="start" plain>{t('fission.posterArt')}</Divider>
        <Row gutter={16}>
          <Col span={6}><Form.Item name="background" label={t('fission.background')} rules={required}><Input type="color" /></Form.Item></Col>
          <Col span={6}><Form.Item name="accent" label={t('fission.accent')} rules={required}><Input type="color" /></Form.Item></Col>
          <Col span={12}><Form.Item name="title" label={t('fission.posterTitle')} rules={[...required, { max: 40 }]}><Input data-testid="fission-poster-title" /></Form.Item></Col>
        </Row>
        <Form.Item name="subtitle" label={t('fission.posterSubtitle')} rules={[{ max: 80 }]}><Input /></Form.Item>
        <Divider titlePlacement="start" plain>{t('fission.messages')}</Divider>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('fission.messagesHelp', { variables })}</Typography.Paragraph>
        <Form.Item name="progress" label={t('fission.progressMessage')} rules={[...required, { max: 500 }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
        <Form.Item name="completed" label={t('fission.completedMessage')} rules={[...required, { max: 500 }]}><Input.TextArea autoSize={{ minRows: 2 }} /></Form.Item>
      </Form>
    </Modal>
  );
}
