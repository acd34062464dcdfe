import { Tooltip, Typography } from 'antd';

/** One-line summary of a JSON object (event data, audit details), full JSON on hover. */
export function DataPreview({ data }: { data: Record<string, unknown> | null | undefined }) {
  const entries = Object.entries(data ?? {});
  if (entries.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const line = entries
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
  return (
    <Tooltip title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(data, null, 2)}</pre>}>
      <Typography.Text ellipsis style={{ maxWidth: 420 }}>{line}</Typography.Text>
    </Tooltip>
  );
}
