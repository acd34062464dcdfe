import { Button, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/index.js';
import { useRequest } from '../../hooks.js';
import { rewardsApi } from '../points/rewardsApi.js';
import { chances, MAX_PRIZES, PRIZE_KINDS, type PrizeInput, type PrizeKind } from './drawsApi.js';

export const NEW_PRIZE: PrizeInput = { name: '', kind: 'physical', points: null, rewardId: null, weight: 1, stock: 1 };

/**
 * The prizes of a draft, one row each: kind, what is won, weight and stock, with the chance the weights give
 * now. Fields that do not apply to a kind are hidden (the server refuses them anyway, naming the field).
 */
export function PrizesEditor({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const prizes = (Form.useWatch('prizes', form) ?? []) as PrizeInput[];
  const rewards = useRequest(() => rewardsApi.list({ page: 1, pageSize: 200 }), []);
  const chance = chances(prizes.map((p) => ({ weight: p?.weight ?? 0, stock: p?.stock ?? null })));
  const whole = (min: number, max: number) => ({ type: 'integer' as const, min, max, message: t('draws.wholeBetween', { min, max }) });
  const kindOf = (i: number): PrizeKind => prizes[i]?.kind ?? 'physical';

  return (
    <Form.List name="prizes" rules={[{ validator: async (_, v?: unknown[]) => { if (!v?.length) throw new Error(t('draws.needPrize')); } }]}>
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table size="small" pagination={false} rowKey="key" dataSource={fields} data-testid="draw-prizes" scroll={{ x: 860 }}
            columns={[
              {
                title: t('draws.prizeName'), key: 'name', width: 180, render: (_, f) => (
                  <Form.Item name={[f.name, 'name']} style={{ margin: 0 }} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
                    <Input maxLength={100} data-testid={`draw-prize-name-${f.name}`} />
                  </Form.Item>),
              },
              {
                title: t('draws.prizeKind'), key: 'kind', width: 130, render: (_, f) => (
                  <Form.Item name={[f.name, 'kind']} style={{ margin: 0 }}>
                    <Select options={PRIZE_KINDS.map((k) => ({ value: k, label: t(`draws.kind.${k}` as never) }))}
                      onChange={(k: PrizeKind) => form.setFieldValue(['prizes', f.name], {
                        ...form.getFieldValue(['prizes', f.name]), kind: k, points: k === 'points' ? 10 : null, rewardId: null,
                        stock: k === 'thanks' || k === 'points' ? null : 1,
                      })} />
                  </Form.Item>),
              },
              {
                title: t('draws.prizeWhat'), key: 'what', width: 200, render: (_, f) => {
                  const kind = kindOf(f.name);
                  if (kind === 'points') {
                    return <Form.Item name={[f.name, 'points']} style={{ margin: 0 }} rules={[{ required: true, message: t('form.required') }, whole(1, 1000000)]}>
                      <InputNumber suffix={t('draws.pointsUnit')} style={{ width: '100%' }} />
                    </Form.Item>;
                  }
                  if (kind === 'reward') {
                    return <Form.Item name={[f.name, 'rewardId']} style={{ margin: 0 }} rules={[{ required: true, message: t('draws.pickReward') }]}>
                      <Select loading={rewards.loading} placeholder={t('draws.pickReward')} options={rewards.data?.items.map((r) => ({ value: r.id, label: r.name }))} />
                    </Form.Item>;
                  }
                  return <Typography.Text type="secondary">{t(`draws.kindHelp.${kind}` as never)}</Typography.Text>;
                },
              },
              {
                title: t('draws.weight'), key: 'weight', width: 110, render: (_, f) => (
                  <Form.Item name={[f.name, 'weight']} style={{ margin: 0 }} rules={[{ required: true, message: t('form.required') }, whole(1, 1000000)]}>
                    <InputNumber style={{ width: '100%' }} data-testid={`draw-prize-weight-${f.name}`} />
                  </Form.Item>),
              },
              {
                title: t('draws.stock'), key: 'stock', width: 120, render: (_, f) => {
                  const kind = kindOf(f.name);
                  if (kind === 'thanks') return <Typography.Text type="secondary">{t('draws.unlimited')}</Typography.Text>;
                  return <Form.Item name={[f.name, 'stock']} style={{ margin: 0 }}
                    rules={[...(kind === 'points' ? [] : [{ required: true, message: t('form.required') }]), whole(0, 1000000)]}>
                    <InputNumber style={{ width: '100%' }} placeholder={t('draws.unlimited')} />
                  </Form.Item>;
                },
              },
              { title: t('draws.chance'), key: 'chance', width: 80, align: 'right', render: (_, f) => `${((chance[f.name] ?? 0) * 100).toFixed(1)}%` },
              { title: '', key: 'remove', width: 48, render: (_, f) => <Button size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('draws.removePrize')} /> },
            ]} />
          <Form.ErrorList errors={errors} />
          {fields.length < MAX_PRIZES && (
            <Button icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => add({ ...NEW_PRIZE })} data-testid="draw-add-prize">{t('draws.addPrize')}</Button>
          )}
        </>
      )}
    </Form.List>
  );
}
