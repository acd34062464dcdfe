import type { ReactNode } from 'react';
import { Card, Skeleton, Space, Tooltip } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import type { ApiError } from '../../api.js';
import { RequestError } from '../RequestError.js';

interface Props {
  title: ReactNode;
  /** What the panel shows and how it is counted, behind an info icon by the title. */
  help?: ReactNode;
  loading: boolean;
  error?: ApiError;
  onRetry?: () => void;
  extra?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** A dashboard card: each panel loads and fails on its own, so one slow query does not blank the page. */
export function Panel({ title, help, loading, error, onRetry, extra, testId, children }: Props) {
  return (
    <Card
      data-testid={testId}
      title={help ? (
        <Space size={6}>
          {title}
          <Tooltip title={help}><InfoCircleOutlined style={{ color: 'rgba(0,0,0,0.45)' }} /></Tooltip>
        </Space>
      ) : title}
      extra={extra}
      style={{ height: '100%' }}
    >
      {error ? <RequestError error={error} onRetry={onRetry} /> : loading ? <Skeleton active /> : children}
    </Card>
  );
}
