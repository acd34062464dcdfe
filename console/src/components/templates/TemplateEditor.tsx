import { useEffect, useState } from 'react';
import { App, Col, Form, Input, Modal, Row, Select, Tabs } from 'antd';
import { useI18n } from '../../i18n/index.js';
import { errorText } from '../errors.js';
import { DraftPreview } from './DraftPreview.js';
import { applyTemplateErrors } from './variantPaths.js';
import { VariantFields } from './VariantFields.js';
import { CONTENT_TYPES, FIELDS, useTemplatesApi, type Content, type ContentType, type Template, type VariantInput } from './templatesApi.js';

interface Values { name: string; contentType: ContentType; variants: VariantInput[] }
interface Props { open: boolean; template: Template | null; onClose: () => void; onSaved: (t: Template) => void }

const nextKey = (taken: string[]) => 'ABCDEFGHIJ'.split('').find((k) => !taken.includes(k)) ?? `V${taken.length + 1}`;
const MAX_VARIANTS = 10;

/**
 * Create or edit a template: one tab per variant, the live preview of the open tab beside it. Saving an
 * edit makes a new version of each variant whose content changed; a variant closed here is retired, and
 * its versions stay in the history.
 */
export function TemplateEditor({ open, template, onClose, onSaved }: Props) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const templatesApi = useTemplatesApi();
  const [form] = Form.useForm<Values>();
  const [active, setActive] = useState(0);
  const [saving, setSaving] = useState(false);
  const contentType = (Form.useWatch('contentType', form) ?? template?.contentType ?? 'text') as ContentType;
  const variants = (Form.useWatch('variants', form) ?? []) as VariantInput[];

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(template
      ? { name: template.name, contentType: template.contentType, variants: template.variants.filter((v) => !v.retired).map(({ key, weight, content }) => ({ key, weight, content })) }
      : { name: '', contentType: 'text', variants: [{ key: 'A', weight: 50, content: {} }] });
    setActive(0);
  }, [open, template, form]);

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      // Fields of another type linger in the form after the type was switched; only this type's go out.
      const own = (c: Content | undefined) => Object.fromEntries(FIELDS[v.contentType ?? contentType].map((f) => [f.name, c?.[f.name]]).filter(([, x]) => x !== undefined && x !== ''));
      const body = { name: v.name.trim(), variants: v.variants.map((x) => ({ key: x.key.trim(), weight: x.weight, content: own(x.content) })) };
      const saved = template ? await templatesApi.update(template.id, body) : await templatesApi.create({ ...body, contentType: v.contentType });
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (err) {
      const { placed, variant } = applyTemplateErrors(form, err);
      if (variant !== null) setActive(variant);
      if (!placed) message.error(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} width={1080} title={template ? t('templates.editTitle') : t('templates.createTitle')}
      okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={save} onCancel={onClose} destroyOnHidden>
      <Row gutter={24}>
        <Col xs={24} md={15}>
          <Form form={form} layout="vertical" autoComplete="off" data-testid="template-form">
            <Row gutter={12}>
              <Col span={14}>
                <Form.Item name="name" label={t('templates.name')} rules={[{ required: true, whitespace: true, message: t('form.required') }, { max: 200 }]}>
                  <Input data-testid="template-name" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item name="contentType" label={t('templates.contentType')} extra={template ? t('templates.typeFixed') : undefined}>
                  <Select disabled={!!template} options={CONTENT_TYPES.map((c) => ({ value: c, label: te('templateContentType', c) }))} data-testid="template-type" />
                </Form.Item>
              </Col>
            </Row>
            <Form.List name="variants">
              {(fields, { add, remove }) => (
                <Tabs type="editable-card" activeKey={String(Math.min(active, fields.length - 1))} onChange={(k) => setActive(Number(k))}
                  hideAdd={fields.length >= MAX_VARIANTS}
                  onEdit={(target, action) => {
                    if (action === 'add') {
                      add({ key: nextKey(variants.map((x) => x?.key)), weight: 50, content: {} });
                      setActive(fields.length);
                    } else if (fields.length > 1) {
                      remove(Number(target));
                      setActive(0);
                    }
                  }}
                  items={fields.map((f, i) => ({
                    key: String(i), closable: fields.length > 1, forceRender: true,
                    label: t('templates.variant', { key: variants[i]?.key || '?' }),
                    children: <VariantFields form={form} index={f.name} contentType={contentType} />,
                  }))}
                  data-testid="variant-tabs" />
              )}
            </Form.List>
          </Form>
        </Col>
        <Col xs={24} md={9}>
          <DraftPreview contentType={contentType} content={variants[Math.min(active, variants.length - 1)]?.content} />
        </Col>
      </Row>
    </Modal>
  );
}
