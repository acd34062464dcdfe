import { App, Button, Card, Form, Input, Space, Table } from 'antd';
import { useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { MemberPicker } from '../MemberPicker.js';
import { RequestError } from '../RequestError.js';
import { DeleteAction } from '../RowActions.js';
import { useFormSubmit } from '../useFormSubmit.js';
import { errorText } from '../errors.js';
import { moderationApi, type MemberEntry, type MemberList } from './moderationApi.js';

/** A workspace-wide member list: the block list (removed from any group they join or speak in) or the allow-list (exempt from every rule). */
export function MemberListTab({ list, editable }: { list: MemberList; editable: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useRequest(() => moderationApi.members(list), [list]);
  const [form] = Form.useForm<{ memberId: string; note?: string }>();
  const { saving, submit } = useFormSubmit(form, ['memberId', 'note'], async (v) => {
    await moderationApi.addMember(list, v);
    form.resetFields();
    message.success(t('common.saved'));
    reload();
  });
  const kind = list === 'blocks' ? 'blocks' : 'allow';
  return (
    <Card title={t(`moderation.${kind}.title`)} data-testid={`moderation-${list}`}>
      <p>{t(`moderation.${kind}.help`)}</p>
      {editable && (
        <Form form={form} layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item name="memberId" rules={[{ required: true, message: t('moderation.memberRequired') }]}><MemberPicker data-testid={`${list}-member`} /></Form.Item>
          <Form.Item name="note"><Input placeholder={t('moderation.note')} maxLength={300} style={{ width: 240 }} /></Form.Item>
          <Button type="primary" loading={saving} onClick={submit}>{t('moderation.add')}</Button>
        </Form>
      )}
      {error && !data ? <RequestError error={error} onRetry={reload} /> : (
        <Table<MemberEntry> rowKey="memberId" loading={loading} dataSource={data?.items} pagination={{ pageSize: 20, hideOnSinglePage: true }} columns={[
          { title: t('moderation.col.member'), dataIndex: 'memberName' },
          { title: t('moderation.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          { title: t('moderation.col.added'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          ...(editable ? [{ title: '', key: 'x', width: 100, render: (_: unknown, e: MemberEntry) => (
            <Space><DeleteAction confirm={t('moderation.removeConfirm')} label={t('moderation.delete')} onConfirm={async () => {
              try { await moderationApi.removeMember(list, e.memberId); reload(); } catch (err) { message.error(errorText(err, t)); }
            }} /></Space>
          ) }] : []),
        ]} />
      )}
    </Card>
  );
}
