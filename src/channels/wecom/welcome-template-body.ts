import type { Attachment } from './welcome-template-contracts.js';

export interface TemplateContent { text: { content: string } | null; attachment: Attachment | null }

/**
 * The content part of an add or edit request, in WeCom's field names (path/92366). A kind not chosen is left
 * out entirely: WeCom reads an empty object as a half-filled attachment and answers 40063.
 */
export function wecomTemplateBody(v: TemplateContent): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (v.text) body.text = { content: v.text.content };
  const a = v.attachment;
  if (a?.kind === 'image') body.image = { pic_url: a.picUrl };
  if (a?.kind === 'link') {
    body.link = { title: a.title, url: a.url, ...(a.picUrl ? { picurl: a.picUrl } : {}), ...(a.desc ? { desc: a.desc } : {}) };
  }
  if (a?.kind === 'miniprogram') body.miniprogram = { title: a.title, pic_media_id: a.picMediaId, appid: a.appid, page: a.page };
  return body;
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The content of a /get answer. An attachment Shequn cannot show (file, video, an image known only by media_id,
 * all made in WeCom's own admin console) is reported as `unsupported`, so a refresh does not silently drop it.
 */
export function readWecomTemplate(answer: Record<string, any>): TemplateContent & { unsupported: string[] } {
  const text = str(answer.text?.content);
  const unsupported: string[] = [];
  let attachment: Attachment | null = null;
  if (str(answer.image?.pic_url)) attachment = { kind: 'image', picUrl: answer.image.pic_url };
  else if (answer.image && Object.keys(answer.image).length) unsupported.push('image');
  if (!attachment && str(answer.link?.url)) {
    attachment = { kind: 'link', title: String(answer.link.title ?? ''), url: answer.link.url, picUrl: str(answer.link.picurl), desc: str(answer.link.desc) };
  }
  if (!attachment && str(answer.miniprogram?.appid)) {
    const m = answer.miniprogram;
    attachment = { kind: 'miniprogram', title: String(m.title ?? ''), picMediaId: String(m.pic_media_id ?? ''), appid: m.appid, page: String(m.page ?? '') };
  }
  for (const kind of ['file', 'video']) if (answer[kind] && Object.keys(answer[kind]).length) unsupported.push(kind);
  return { text: text ? { content: text } : null, attachment, unsupported };
}
