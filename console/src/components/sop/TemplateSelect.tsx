import { useEffect, useState } from 'react';
import { Select, Typography } from 'antd';
import { useTemplatesApi, type Template, type TemplateListItem } from '../templates/templatesApi.js';
import { useI18n } from '../../i18n/index.js';

/** The workspace's active templates, loaded once per editor. */
export function useActiveTemplates(open: boolean): TemplateListItem[] {
  const templatesApi = useTemplatesApi();
  const [list, setList] = useState<TemplateListItem[]>([]);
  useEffect(() => {
    if (!open) return;
    let stale = false;
    templatesApi.list({ status: 'active', pageSize: 200 }).then((p) => { if (!stale) setList(p.items); }, () => undefined);
    return () => { stale = true; };
  }, [open, templatesApi]);
  return list;
}

/** A template to send, with the text of its first offered variant under it, so the step reads as it will arrive. */
export function TemplateSelect({ value, onChange, templates, testId }: { value?: string; onChange?: (id: string) => void; templates: TemplateListItem[]; testId?: string }) {
  const { t } = useI18n();
  const templatesApi = useTemplatesApi();
  const [shown, setShown] = useState<Template | null>(null);
  useEffect(() => {
    if (!value) { setShown(null); return; }
    let stale = false;
    templatesApi.get(value).then((tpl) => { if (!stale) setShown(tpl); }, () => { if (!stale) setShown(null); });
    return () => { stale = true; };
  }, [value, templatesApi]);
  const first = shown?.variants.find((v) => !v.retired && v.weight > 0);
  const text = first ? first.content.text ?? first.content.title ?? first.content.caption ?? first.content.url ?? '' : '';
  return (
    <>
      <Select showSearch={{ optionFilterProp: 'label' }} value={value} onChange={onChange} placeholder={t('sop.step.template')} data-testid={testId}
        options={templates.map((tpl) => ({ value: tpl.id, label: tpl.name }))} />
      {text && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ margin: '4px 0 0', fontSize: 12 }}>
          {t('sop.step.preview')}: {text}
        </Typography.Paragraph>
      )}
    </>
  );
}
