import { Table } from 'antd';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { Page } from '../api.js';
import type { Paging } from '../hooks.js';
import { useI18n } from '../i18n/index.js';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'pagination'> & {
  /** The server's answer for one page; the server holds the rest of the list and counts the total. */
  data: Page<T> | undefined;
  paging: Paging;
  onPaging: (next: Paging) => void;
  /** How this list's pager looks (size changer, hidden on a single page...); what it does is fixed below. */
  pager?: TablePaginationConfig;
};

/** Every server-paged list in the console pages the same way: one place for how that works. */
export function PagedTable<T extends object>({ data, paging, onPaging, pager, ...table }: Props<T>) {
  const { t } = useI18n();
  return (
    <Table<T>
      {...table}
      dataSource={data?.items}
      pagination={{
        ...pager,
        current: paging.page, pageSize: paging.pageSize, total: data?.total ?? 0,
        showTotal: (total) => t('common.total', { n: total }),
        // A new page size starts again from page 1: the old page number may not exist at the new size.
        onChange: (page, pageSize) => onPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
      }}
    />
  );
}
