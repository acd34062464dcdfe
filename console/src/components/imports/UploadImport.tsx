import { useMemo } from 'react';
import { App, Card, Col, Form, Input, Row, Select, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { api, IMPORT_FORMATS, type ImportJob } from '../../api.js';
import { useAuth } from '../../auth.js';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';

interface Values { format: string; community?: string; timeZone?: string }

/** Every zone the browser knows, for the time-zone picker; older browsers get a free-text field instead. */
function zoneOptions(): { value: string }[] | null {
  try {
    return Intl.supportedValuesOf('timeZone').map((value) => ({ value }));
  } catch {
    return null;
  }
}

/**
 * Picks the options, then a dropped file goes straight up as the raw request body with upload progress; the
 * server answers once the file is stored and the import queued.
 */
export function UploadImport({ onUploaded }: { onUploaded: (job: ImportJob) => void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const { session } = useAuth();
  const [form] = Form.useForm<Values>();
  const zones = useMemo(zoneOptions, []);
  const workspaceZone = session?.workspace.timeZone ?? '';

  const customRequest: UploadProps['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    const blob = file as File;
    const v = form.getFieldsValue();
    const upload = api.uploadImport(blob, {
      fileName: blob.name, format: v.format ?? 'auto', community: v.community?.trim() || undefined, timeZone: v.timeZone || undefined,
    }, (percent) => onProgress?.({ percent }));
    upload.done.then(
      (job) => {
        onSuccess?.(job);
        message.success(t('imports.uploaded', { name: blob.name }));
        onUploaded(job);
      },
      (err: unknown) => {
        onError?.(err as Error);
        message.error(t('imports.uploadFailed', { name: blob.name, error: errorText(err, t) }));
      },
    );
    return { abort: upload.abort };
  };

  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Form form={form} layout="vertical" initialValues={{ format: 'auto' }} data-testid="import-form">
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="format" label={t('imports.format')}>
              <Select data-testid="import-format"
                options={['auto', ...IMPORT_FORMATS].map((f) => ({ value: f, label: te('importFormat', f) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="community" label={t('imports.community')} extra={t('imports.communityHelp')}>
              <Input allowClear maxLength={200} placeholder={t('imports.communityPlaceholder')} data-testid="import-community" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="timeZone" label={t('imports.timeZone')} extra={t('imports.timeZoneHelp', { zone: workspaceZone })}>
              {zones
                ? <Select showSearch allowClear placeholder={workspaceZone} options={zones} data-testid="import-timezone" />
                : <Input allowClear placeholder={workspaceZone} data-testid="import-timezone" />}
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <div data-testid="import-dropzone">
        <Upload.Dragger name="file" multiple customRequest={customRequest}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('imports.drop')}</p>
          <p className="ant-upload-hint">{t('imports.dropHint')}</p>
        </Upload.Dragger>
      </div>
    </Card>
  );
}
