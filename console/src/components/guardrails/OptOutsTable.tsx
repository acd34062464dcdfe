import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Empty, Flex, Form, Input, Popconfirm, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { usePaging, useRequest } from '../../hooks.js';
import { useI18n } from '../../i18n/index.js';
import { formatTime } from '../../format.js';
import { PagedTable } from '../PagedTable.js';
import { MemberPicker } from '../MemberPicker.js';
import { RequestError } from '../RequestError.js';
import { errorText } from '../errors.js';
import type { GuardrailsApi, OptOut } from './guardrailsApi.js';

interface Props {
  client: GuardrailsApi;
  /** Operators and above may opt members out and back in. */
  editable: boolean;
}

/** Opted-out members, newest first, with how they opted out; operators can opt members out or back in by hand. */
export function OptOutsTable({ client, editable }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [paging, setPaging] = usePaging();
  const [q, setQ] = useState('');
  const { data, error, loading, reload } = useRequest(() => client.optOuts({ ...paging, q }), [client, paging.page, paging.pageSize, q]);
  const [busy, setBusy] = useState<string | null>(null);
  const [picked, setPicked] = useState<string>();

  const run = async (memberId: string, call: (id: string) => Promise<unknown>, done: string) => {
    setBusy(memberId);
    try {
      await call(memberId);
      message.success(done);
      setPicked(undefined);
      reload();
    } catch (err) {
      message.error(errorText(err, t));
    } finally {
      setBusy(null);
    }
  };

  const how = (o: OptOut) => {
    if (o.source === 'keyword') return <>{t('guardrails.byKeyword')} <Tag data-testid="opt-out-keyword">{o.keyword}</Tag></>;
    if (o.source === 'operator') return o.actorName ? t('guardrails.byOperatorNamed', { name: o.actorName }) : t('guardrails.byOperator');
    return t('guardrails.byMemberPage');
  };

  const columns: TableColumnsType<OptOut> = [
    { title: t('guardrails.member'), dataIndex: 'displayName', render: (name: string, o) => <Link to={`/members/${o.memberId}`}>{name}</Link> },
    { title: t('guardrails.how'), key: 'how', render: (_, o) => how(o) },
    { title: t('guardrails.optedOutAt'), dataIndex: 'optedOutAt', width: 170, render: formatTime },
  ];
  if (editable) {
    columns.push({
      title: t('common.actions'), key: 'actions', width: 130,
      render: (_, o) => (
        <Popconfirm title={t('guardrails.optInConfirm', { name: o.displayName })} description={t('guardrails.optInHelp')}
          okText={t('common.confirm')} cancelText={t('common.cancel')}
          onConfirm={() => run(o.memberId, client.optIn, t('guardrails.optedIn', { name: o.displayName }))}>
          <Button size="small" loading={busy === o.memberId} data-testid={`opt-in-${o.memberId}`}>{t('guardrails.optIn')}</Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card title={t('guardrails.optOuts')} data-testid="guardrails-opt-outs">
      <Flex wrap gap={12} justify="space-between" style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('guardrails.searchMember')} style={{ maxWidth: 260 }}
          onSearch={(v) => { setQ(v.trim()); setPaging((p) => ({ ...p, page: 1 })); }} data-testid="opt-outs-search" />
        {editable && (
          <Form layout="inline">
            <Form.Item style={{ minWidth: 240 }}>
              <MemberPicker value={picked} onChange={setPicked} placeholder={t('guardrails.pickMember')} data-testid="opt-out-member-picker" />
            </Form.Item>
            <Button disabled={!picked} loading={!!picked && busy === picked} data-testid="opt-out-member"
              onClick={() => picked && run(picked, client.optOut, t('guardrails.optedOut'))}>
              {t('guardrails.optOutByHand')}
            </Button>
          </Form>
        )}
      </Flex>
      {error && !data ? <RequestError error={error} onRetry={reload} /> : (
        <PagedTable<OptOut>
          rowKey="memberId"
          size="middle"
          columns={columns}
          data={data}
          loading={loading}
          paging={paging}
          onPaging={setPaging}
          pager={{ hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('guardrails.noOptOuts')} /> }}
          data-testid="opt-outs-table"
        />
      )}
    </Card>
  );
}
