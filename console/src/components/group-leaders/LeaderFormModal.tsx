import { Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { MemberPicker } from '../MemberPicker.js';
import { CommunitySelect } from '../CommunitySelect.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { groupLeadersApi, type Leader } from './groupLeadersApi.js';

/** The same rule as the API's (src/modules/commerce/group-leaders/contracts.ts), so most mistakes never leave the form. */
const PHONE = /^(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}[- ]?\d{7,8}(?:[- ]?\d{1,6})?)$/;

interface Values {
  memberId?: string; communityId?: string;
  /** In percent, under the API's name so its field errors land here. */
  commissionBps: number;
  pickupName: string; pickupAddress: string; pickupPhone: string; pickupHours: string; note: string;
}
const FIELDS = ['memberId', 'communityId', 'commissionBps', 'pickupName', 'pickupAddress', 'pickupPhone', 'pickupHours', 'note'];

/** Appoints a leader (member, community, pickup point, rate), or edits one's pickup point and rate (`leader` given). */
export function LeaderFormModal({ open, leader, onClose, onSaved }: { open: boolean; leader: Leader | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { saving, submit } = useFormSubmit(form, FIELDS, async (v) => {
    const terms = {
      commissionBps: Math.round(v.commissionBps * 100), pickupName: v.pickupName, pickupAddress: v.pickupAddress,
      pickupPhone: v.pickupPhone.trim(), pickupHours: v.pickupHours ?? '', note: v.note ?? '',
    };
    if (leader) await groupLeadersApi.update(leader.id, terms);
    else await groupLeadersApi.appoint({ ...terms, memberId: v.memberId!, communityId: v.communityId! });
    onSaved();
  });
  const initial: Values = leader
    ? { commissionBps: leader.commissionBps / 100, pickupName: leader.pickupName, pickupAddress: leader.pickupAddress, pickupPhone: leader.pickupPhone, pickupHours: leader.pickupHours, note: leader.note }
    : { commissionBps: 10, pickupName: '', pickupAddress: '', pickupPhone: '', pickupHours: '', note: '' };
  const required = (message: string) => ({ required: true, whitespace: true, message });

  return (
    <Modal open={open} width={600} title={leader ? t('groupLeaders.edit') : t('groupLeaders.add')} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden
      okButtonProps={{ 'data-testid': 'leader-save' } as never}>
      <Form form={form} layout="vertical" preserve={false} initialValues={initial}>
        {!leader && (
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="memberId" label={t('groupLeaders.member')} rules={[{ required: true, message: t('groupLeaders.memberRequired') }]}>
                <MemberPicker data-testid="leader-member" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="communityId" label={t('groupLeaders.community')} extra={t('groupLeaders.communityHelp')} rules={[{ required: true, message: t('groupLeaders.communityRequired') }]}>
                <CommunitySelect onChange={(id) => form.setFieldValue('communityId', id)} placeholder={t('groupLeaders.pickCommunity')} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="pickupName" label={t('groupLeaders.pickupName')} rules={[required(t('groupLeaders.pickupNameRequired'))]}>
              <Input maxLength={60} placeholder={t('groupLeaders.pickupNamePlaceholder')} data-testid="leader-pickup-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="pickupPhone" label={t('groupLeaders.pickupPhone')}
              rules={[required(t('groupLeaders.phoneRequired')), { pattern: PHONE, message: t('groupLeaders.phoneInvalid') }]}>
              <Input maxLength={30} placeholder="13800138000" data-testid="leader-pickup-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="pickupAddress" label={t('groupLeaders.pickupAddress')} rules={[required(t('groupLeaders.addressRequired'))]}>
          <Input maxLength={200} data-testid="leader-pickup-address" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="pickupHours" label={t('groupLeaders.pickupHours')}>
              <Input maxLength={100} placeholder={t('groupLeaders.hoursPlaceholder')} data-testid="leader-pickup-hours" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="commissionBps" label={t('groupLeaders.rate')} extra={t('groupLeaders.rateHelp')}
              rules={[{ required: true, message: t('groupLeaders.rateRange') }, { type: 'number', min: 0, max: 30, message: t('groupLeaders.rateRange') }]}>
              <InputNumber addonAfter="%" precision={2} step={0.5} style={{ width: '100%' }} data-testid="leader-rate" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('groupLeaders.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
