import { useEffect, useRef, useState } from 'react';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { api, ApiError, type Community } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { newIdempotencyKey } from '../idempotencyKey.js';
import { MemberPicker } from '../MemberPicker.js';
import { useFormSubmit } from '../useFormSubmit.js';

interface Values { memberId: string; reason?: string }

const FIELD_NAMES = ['memberId', 'reason'];
export const MAX_REASON = 200;

interface Props { open: boolean; community: Community; onClose: () => void; onQueued: () => void }

export function InviteMemberModal({ open, community, onClose, onQueued }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // A full or archived group is not about any input, so it stays on top of the form instead of a passing toast.
  const [formError, setFormError] = useState<string | null>(null);
  // Kept across retries of the same invitation, so a retry after a lost answer cannot queue it twice.
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFormError(null);
    key.current = newIdempotencyKey();
  }, [open, form]);

  const { saving, submit } = useFormSubmit(form, FIELD_NAMES, async (v) => {
    setFormError(null);
    try {
      await api.inviteMember(community.id, { memberId: v.memberId, reason: v.reason?.trim() || undefined, idempotencyKey: key.current });
    } catch (err) {
      if (err instanceof ApiError && err.fields.some((f) => f.path === 'community')) {
        setFormError(errorText(err, t));
        return;
      }
      throw err;
    }
    message.success(t('invite.queued'));
    onQueued();
  });

  return (
    <Modal open={open} title={t('invite.title')} okText={t('invite.submit')} cancelText={t('common.cancel')}
      confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('invite.help')}</Typography.Paragraph>
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="invite-error" />}
      <Form form={form} layout="vertical" autoComplete="off"
        onValuesChange={() => {
          key.current = newIdempotencyKey();
        }}>
        <Form.Item name="memberId" label={t('invite.member')} rules={[{ required: true, message: t('form.required') }]}>
          <MemberPicker channel={community.channel} data-testid="invite-member-picker" />
        </Form.Item>
        <Form.Item name="reason" label={t('invite.reason')} rules={[{ max: MAX_REASON }]}>
          <Input.TextArea maxLength={MAX_REASON} showCount autoSize={{ minRows: 2, maxRows: 4 }} placeholder={t('invite.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
