import { useState } from 'react';
import { App, Button, Select, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { api, ROLES, type Role, type Staff } from '../api.js';
import { useAuth } from '../auth.js';
import { usePaging, useRequest } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { formatTime } from '../format.js';
import { PageHeader } from '../components/PageHeader.js';
import { RequestError } from '../components/RequestError.js';
import { PagedTable } from '../components/PagedTable.js';
import { AddStaffModal } from '../components/AddStaffModal.js';
import { errorText } from '../components/errors.js';

export default function StaffPage() {
  const { t, te } = useI18n();
  const { session, can, refresh } = useAuth();
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [paging, setPaging] = usePaging();
  const { data, error, loading, reload } = useRequest(() => api.staff(paging), [paging.page, paging.pageSize]);
  const isOwner = can('owner');

  const changeRole = (s: Staff, role: Role) => {
    modal.confirm({
      title: t('staff.changeRoleConfirm', { name: s.name, role: te('role', role) }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy(s.userId);
        try {
          await api.updateStaff(s.userId, role);
          message.success(t('common.saved'));
          // Changing one's own role changes what this console may show, so the session is read again.
          if (s.userId === session?.user.id) await refresh();
          reload();
        } catch (err) {
          message.error(errorText(err, t));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const columns: TableColumnsType<Staff> = [
    {
      title: t('staff.name'), dataIndex: 'name',
      render: (name: string, s) => <>{name}{s.userId === session?.user.id && <Tag style={{ marginInlineStart: 8 }}>{t('staff.you')}</Tag>}</>,
    },
    { title: t('staff.email'), dataIndex: 'email' },
    {
      title: t('staff.role'), dataIndex: 'role', width: 180,
      render: (role: Role, s) => (
        // Only an owner may grant or take the owner role, so others cannot touch an owner's row at all.
        <Select<Role>
          value={role}
          style={{ width: 140 }}
          loading={busy === s.userId}
          disabled={busy === s.userId || (role === 'owner' && !isOwner)}
          onChange={(next) => changeRole(s, next)}
          options={ROLES.map((r) => ({ value: r, label: te('role', r), disabled: r === 'owner' && !isOwner }))}
          data-testid={`staff-role-${s.email}`}
        />
      ),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', width: 160, render: formatTime },
  ];

  if (error) return <RequestError error={error} onRetry={reload} />;
  return (
    <>
      <PageHeader
        title={t('nav.staff')}
        extra={<Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="add-staff">{t('staff.add')}</Button>}
      />
      <PagedTable<Staff>
        rowKey="userId"
        columns={columns}
        data={data}
        loading={loading}
        scroll={{ x: 700 }}
        paging={paging}
        onPaging={setPaging}
        pager={{ hideOnSinglePage: true }}
      />
      <AddStaffModal open={adding} onClose={() => setAdding(false)} onAdded={() => {
        setAdding(false);
        reload();
      }} />
    </>
  );
}
