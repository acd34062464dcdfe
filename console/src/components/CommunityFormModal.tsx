import { useEffect } from 'react';
import { App, AutoComplete, Form, Input, InputNumber, Modal, Select } from 'antd';
import {
  CHANNELS, COMMUNITY_STATUSES, COMMUNITY_TYPES,
  type Community, type CommunityInput, type CommunityStatus, type CommunityType,
} from '../api.js';
import { useI18n } from '../i18n/index.js';
import { useFormSubmit } from './useFormSubmit.js';

// The operators' own words for each type (DESIGN.md). They are stored as typed, so the values stay Chinese
// in both languages; the English label only explains them.
const SUBTYPES: Record<CommunityType, string[]> = {
  basic: ['福利群', '粉丝群', '秒杀群', '快闪群', '工具群'],
  vip: ['进阶群', '精英群', '会员群'],
  distribution: ['商学院', '班级群'],
};

interface Values {
  name: string;
  type: CommunityType;
  subtype?: string;
  channel: string;
  externalId?: string;
  capacity?: number;
  status: CommunityStatus;
  tags: string[];
}

const FIELD_NAMES = ['name', 'type', 'subtype', 'channel', 'externalId', 'capacity', 'status', 'tags'];

interface Props {
  open: boolean;
  /** Without a community the modal creates one; with one it edits it. */
  community?: Community;
  onClose: () => void;
  onSaved: (community: Community) => void;
  save: (input: CommunityInput) => Promise<Community>;
}

export function CommunityFormModal({ open, community, onClose, onSaved, save }: Props) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const editing = !!community;
  const type = Form.useWatch('type', form) ?? 'basic';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(community
      ? { name: community.name, type: community.type, subtype: community.subtype ?? undefined, channel: community.channel,
          capacity: community.capacity, status: community.status, tags: community.tags }
      : { type: 'basic', channel: 'sandbox', capacity: 500, status: 'active', tags: [] });
  }, [open, community, form]);

  const { saving, submit } = useFormSubmit(form, FIELD_NAMES, async (v) => {
    const subtype = v.subtype?.trim() || undefined;
    const input: CommunityInput = editing
      // Clearing the subtype of an existing community has to be said explicitly.
      ? { name: v.name.trim(), type: v.type, subtype: subtype ?? null, capacity: v.capacity, status: v.status, tags: v.tags }
      : { name: v.name.trim(), type: v.type, subtype, channel: v.channel, externalId: v.externalId?.trim() || undefined,
          capacity: v.capacity, tags: v.tags };
    const saved = await save(input);
    message.success(editing ? t('common.saved') : t('communities.created'));
    onSaved(saved);
  });

  return (
    <Modal
      open={open}
      title={editing ? t('community.edit') : t('communities.create')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="name" label={t('community.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="type" label={t('community.type')} rules={[{ required: true }]} extra={t(`community.typeHelp.${type}`)}>
          <Select options={COMMUNITY_TYPES.map((v) => ({ value: v, label: te('type', v) }))} />
        </Form.Item>
        <Form.Item name="subtype" label={t('community.subtype')} rules={[{ max: 50 }]}>
          <AutoComplete
            allowClear
            placeholder={t('community.subtypePlaceholder')}
            options={SUBTYPES[type].map((s) => ({ value: s, label: te('subtype', s) === s ? s : `${s} · ${te('subtype', s)}` }))}
          />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item name="channel" label={t('community.channel')} rules={[{ required: true }]} extra={t('community.channelHelp')}>
              <Select options={CHANNELS.map((c) => ({ value: c, label: te('channel', c) }))} />
            </Form.Item>
            <Form.Item name="externalId" label={t('community.externalId')} extra={t('community.externalIdHelp')} rules={[{ max: 200 }]}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        <Form.Item name="capacity" label={t('community.capacity')} rules={[{ type: 'integer', min: 1, message: t('form.positiveInteger') }]}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        {editing && (
          <Form.Item name="status" label={t('community.status')} rules={[{ required: true }]}>
            <Select options={COMMUNITY_STATUSES.map((s) => ({ value: s, label: te('communityStatus', s) }))} />
          </Form.Item>
        )}
        <Form.Item name="tags" label={t('community.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} placeholder={t('community.tagsPlaceholder')} open={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
