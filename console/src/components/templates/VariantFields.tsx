import { Col, Form, Input, InputNumber, Row, Tag, Tooltip, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { FIELDS, VARIABLES, type ContentField, type ContentType } from './templatesApi.js';

interface Props { form: FormInstance; index: number; contentType: ContentType }

/** One variant's inputs inside the template form (Form.List "variants", item `index`). */
export function VariantFields({ form, index, contentType }: Props) {
  const { t, te } = useI18n();
  const fields = FIELDS[contentType];
  const firstVars = fields.find((f) => f.vars)?.name;

  // Appends to the variant's main readable field: where a variable is wanted nine times in ten.
  const insert = (variable: string) => {
    if (!firstVars) return;
    const path = ['variants', index, 'content', firstVars];
    const current = (form.getFieldValue(path) as string | undefined) ?? '';
    form.setFieldValue(path, `${current}{{${variable}}}`);
  };

  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={[index, 'key']} label={t('templates.key')} tooltip={t('templates.keyRule')}
            rules={[{ required: true, message: t('form.required') }, { pattern: /^[A-Za-z0-9_-]{1,20}$/, message: t('templates.keyRule') }]}>
            <Input maxLength={20} data-testid={`variant-key-${index}`} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[index, 'weight']} label={t('templates.weight')} tooltip={t('templates.weightHelp')}
            rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} data-testid={`variant-weight-${index}`} />
          </Form.Item>
        </Col>
      </Row>
      {fields.map((f) => (
        <Form.Item key={f.name} name={[index, 'content', f.name]} label={t(`templates.field.${f.name}` as const)}
          extra={f.vars ? undefined : t('templates.addressHelp')}
          rules={f.required ? [{ required: true, whitespace: true, message: t('form.required') }] : []}>
          {f.long
            ? <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={f.name === 'text' ? 4000 : 1000} showCount data-testid={`variant-${f.name as ContentField}-${index}`} />
            : <Input data-testid={`variant-${f.name}-${index}`} />}
        </Form.Item>
      ))}
      {firstVars && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('templates.variablesHelp')}{' '}
          {VARIABLES.map((v) => (
            <Tooltip key={v} title={te('templateVariable', v)}>
              <Tag style={{ cursor: 'pointer' }} onClick={() => insert(v)} data-testid={`insert-variable-${v}`}>{`{{${v}}}`}</Tag>
            </Tooltip>
          ))}
        </Typography.Paragraph>
      )}
    </>
  );
}
