import { useEffect } from 'react';
import { App, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/index.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { CommunitiesSelect } from '../triggers/CommunitiesSelect.js';
import { AnnouncementGroupSelect } from './AnnouncementGroupSelect.js';
import { leaderboardsApi, MAX_TOP_N, METRICS, type Leaderboard, type LeaderboardInput, type Metric } from './leaderboardsApi.js';

interface Values {
  name: string; metric: Metric; periodKind: 'monthly' | 'custom'; range?: [Dayjs, Dayjs];
  scopeKind: 'all' | 'communities'; communityIds?: string[]; topN: number; rewards: (number | null)[];
  announce: boolean; announceCommunityId?: string; announceText?: string; enabled: boolean;
}

// The API names fields by their JSON path; the form's inputs are flat.
function fieldOf(path: string): (string | number)[] | null {
  const p = path.replace(/^body\.?/, '');
  if (p.startsWith('period')) return ['range'];
  if (p.startsWith('scope')) return ['communityIds'];
  if (p === 'announcement.communityId') return ['announceCommunityId'];
  if (p.startsWith('announcement')) return ['announceText'];
  const reward = /^rewards\.(\d+)$/.exec(p);
  if (reward) return ['rewards', Number(reward[1])];
  return ['name', 'metric', 'topN'].includes(p) ? [p] : null;
}

const toValues = (b: Leaderboard | null, defaultText: string): Values => ({
  name: b?.name ?? '', metric: b?.metric ?? 'check_in_days', periodKind: b?.period.kind ?? 'monthly',
  range: b?.period.kind === 'custom' ? [dayjs(b.period.from), dayjs(b.period.to)] : undefined,
  scopeKind: b?.scope.kind ?? 'all', communityIds: b?.scope.kind === 'communities' ? b.scope.communityIds : [],
  topN: b?.topN ?? 10, rewards: b?.rewards ?? [100, 50, 30], announce: !!b?.announcement || !b,
  announceCommunityId: b?.announcement?.communityId, announceText: b?.announcement?.text ?? defaultText, enabled: b?.enabled ?? true,
});

/** Creates or edits a leaderboard; a settled custom board keeps its period (the server says so). */
export function LeaderboardEditor({ open, board, onClose, onSaved }: { open: boolean; board: Leaderboard | null; onClose: () => void; onSaved: () => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const periodKind = Form.useWatch('periodKind', form);
  const scopeKind = Form.useWatch('scopeKind', form);
  const announce = Form.useWatch('announce', form);
  const topN = Form.useWatch('topN', form) ?? 0;
  const metric = Form.useWatch('metric', form) ?? 'check_in_days';
  useEffect(() => { if (open) form.setFieldsValue(toValues(board, t('leaderboards.defaultAnnouncement'))); }, [open, board, form, t]);

  const { saving, submit: save } = useFormSubmit(form, fieldOf, async (v) => {
    const body: LeaderboardInput = {
      name: v.name.trim(), metric: v.metric,
      period: v.periodKind === 'custom' && v.range ? { kind: 'custom', from: v.range[0].format('YYYY-MM-DD'), to: v.range[1].format('YYYY-MM-DD') } : { kind: 'monthly' },
      scope: v.scopeKind === 'communities' ? { kind: 'communities', communityIds: v.communityIds ?? [] } : { kind: 'all' },
      topN: v.topN, rewards: (v.rewards ?? []).map((r) => r ?? 0),
      announcement: v.announce && v.announceCommunityId ? { communityId: v.announceCommunityId, text: v.announceText ?? '' } : null,
      enabled: v.enabled,
    };
    await (board ? leaderboardsApi.update(board.id, body) : leaderboardsApi.create(body));
    message.success(t('common.saved'));
    onSaved();
  });

  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('checkIn.wholeBetween', { min, max }) });
  return (
    <Modal open={open} title={board ? t('leaderboards.edit') : t('leaderboards.new')} onCancel={onClose} width={720} destroyOnHidden
      footer={[<Button key="c" onClick={onClose}>{t('common.cancel')}</Button>, <Button key="s" type="primary" loading={saving} onClick={save} data-testid="leaderboard-save">{t('common.save')}</Button>]}>
      <Form form={form} layout="vertical" requiredMark="optional">
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label={t('leaderboards.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 100, message: t('leaderboards.nameTooLong') }]}>
              <Input data-testid="leaderboard-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="metric" label={t('leaderboards.metric')} extra={t(`leaderboards.metricHelp.${metric}` as never)}>
              <Select options={METRICS.map((m) => ({ value: m, label: te('leaderboardMetric', m) }))} data-testid="leaderboard-metric" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="periodKind" label={t('leaderboards.period')}>
          <Radio.Group optionType="button" options={[{ value: 'monthly', label: t('leaderboards.monthly') }, { value: 'custom', label: t('leaderboards.custom') }]} />
        </Form.Item>
        {periodKind === 'custom' && (
          <Form.Item name="range" label={t('leaderboards.range')} rules={[{ required: true, message: t('form.required') }]} extra={t('leaderboards.rangeHelp')}>
            <DatePicker.RangePicker data-testid="leaderboard-range" />
          </Form.Item>
        )}
        <Form.Item name="scopeKind" label={t('leaderboards.scope')} extra={t('leaderboards.scopeHelp')}>
          <Radio.Group optionType="button" options={[{ value: 'all', label: t('leaderboards.scopeAll') }, { value: 'communities', label: t('leaderboards.scopeCommunities') }]} />
        </Form.Item>
        {scopeKind === 'communities' && (
          <Form.Item name="communityIds" rules={[{ type: 'array', min: 1, message: t('leaderboards.pickCommunities') }]}>
            <CommunitiesSelect placeholder={t('leaderboards.pickCommunities')} testId="leaderboard-communities" />
          </Form.Item>
        )}
        <Form.Item name="topN" label={t('leaderboards.topN')} rules={[{ required: true, message: t('form.required') }, whole(1, MAX_TOP_N)]}>
          <InputNumber style={{ width: 140 }} data-testid="leaderboard-top-n" />
        </Form.Item>
        <Typography.Text strong>{t('leaderboards.rewards')}</Typography.Text>
        <Typography.Paragraph type="secondary">{t('leaderboards.rewardsHelp')}</Typography.Paragraph>
        <Form.List name="rewards">
          {(fields, { add, remove }) => (
            <Flex gap={8} wrap style={{ marginBottom: 16 }}>
              {fields.map((f) => (
                <Flex key={f.key} gap={4} align="start">
                  <Form.Item name={f.name} style={{ margin: 0 }} rules={[whole(0, 100000)]}>
                    <InputNumber prefix={t('leaderboards.rankN', { n: f.name + 1 })} suffix={t('checkIn.pointsUnit')} style={{ width: 170 }} />
                  </Form.Item>
                  {f.name === fields.length - 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('leaderboards.removeReward')} />}
                </Flex>
              ))}
              {fields.length < Math.min(topN, MAX_TOP_N) && <Button icon={<PlusOutlined />} onClick={() => add(null)} data-testid="leaderboard-add-reward">{t('leaderboards.addReward')}</Button>}
            </Flex>
          )}
        </Form.List>
        <Form.Item name="announce" label={t('leaderboards.announce')} valuePropName="checked" extra={t('leaderboards.announceHelp')}>
          <Switch data-testid="leaderboard-announce" />
        </Form.Item>
        {announce && (
          <>
            <Form.Item name="announceCommunityId" label={t('leaderboards.announceGroup')} rules={[{ required: true, message: t('form.required') }]}>
              <AnnouncementGroupSelect />
            </Form.Item>
            <Form.Item name="announceText" label={t('leaderboards.announceText')} extra={t('leaderboards.announceTextHelp')}
              rules={[{ required: true, whitespace: true, message: t('form.required') }, { validator: async (_, v?: string) => { if (v && !/\{\{\s*ranking\s*\}\}/.test(v)) throw new Error(t('leaderboards.needsRanking')); } }]}>
              <Input.TextArea rows={4} maxLength={2000} data-testid="leaderboard-announce-text" />
            </Form.Item>
          </>
        )}
        <Form.Item name="enabled" label={t('leaderboards.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
