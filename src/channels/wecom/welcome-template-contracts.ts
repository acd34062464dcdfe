import { z } from 'zod';

/**
 * Limits from 入群欢迎语素材管理 (path/92366). WeCom counts bytes, not characters: a Chinese character is
 * three bytes in UTF-8, so 3000 bytes is about 1000 Chinese characters.
 */
export const LIMITS = { textBytes: 3000, linkTitleBytes: 128, linkDescBytes: 512, miniTitleBytes: 64 } as const;

export const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');
const bytes = (max: number) => z.string().trim().min(1, 'must not be empty')
  .refine((s) => byteLength(s) <= max, `at most ${max} bytes in UTF-8 (a Chinese character takes 3)`);
const httpUrl = z.url('must be an http(s) address').max(2048, 'at most 2048 characters')
  .regex(/^https?:\/\//i, 'must start with http:// or https://');

// Only pic_url for images: a media_id from 上传临时素材 expires after three days, which a stored template
// would outlive; pic_url comes from 上传图片 (path/90256) and does not expire.
const image = z.strictObject({ kind: z.literal('image'), picUrl: httpUrl.meta({ description: 'image.pic_url: a link from WeCom\'s 上传图片 (uploadimg)' }) });
const link = z.strictObject({
  kind: z.literal('link'),
  title: bytes(LIMITS.linkTitleBytes),
  url: httpUrl,
  picUrl: httpUrl.nullable().default(null).meta({ description: 'link.picurl, the cover' }),
  desc: bytes(LIMITS.linkDescBytes).nullable().default(null),
});
const miniprogram = z.strictObject({
  kind: z.literal('miniprogram'),
  title: bytes(LIMITS.miniTitleBytes),
  picMediaId: z.string().trim().min(1, 'must not be empty').max(256).meta({ description: 'miniprogram.pic_media_id; cover 520×416 recommended' }),
  appid: z.string().trim().regex(/^wx[0-9a-zA-Z]{16}$/, 'must be a mini program appid like wx8bd80126147dfAAA, associated with the corp'),
  page: z.string().trim().min(1, 'must not be empty').max(512, 'at most 512 characters').meta({ description: 'page path, e.g. /path/index' }),
});
// One attachment only: WeCom sends text and attachment as two messages and takes one attachment of any kind.
export const attachmentSchema = z.discriminatedUnion('kind', [image, link, miniprogram], { error: 'kind must be image, link or miniprogram' });
export type Attachment = z.output<typeof attachmentSchema>;

const content = {
  name: z.string().trim().min(1, 'must not be empty').max(60, 'at most 60 characters').meta({ description: 'Shequn-side label; WeCom does not store it' }),
  text: z.strictObject({
    content: bytes(LIMITS.textBytes).meta({ description: 'text.content; every %NICKNAME% (case-sensitive) becomes the newcomer\'s nickname' }),
  }).nullable().default(null),
  attachment: attachmentSchema.nullable().default(null),
};

// WeCom refuses a template with nothing to send; the field named is the one an editor would fill first.
const notEmpty = (v: { text: unknown; attachment: unknown }, ctx: z.RefinementCtx) => {
  if (!v.text && !v.attachment) ctx.addIssue({ code: 'custom', path: ['text'], message: 'give a text or an attachment (WeCom refuses an empty template)' });
};

export const createWelcomeTemplateSchema = z.strictObject({
  ...content,
  notify: z.boolean().default(true).meta({ description: 'tell staff in the WeCom app to apply the new template to their groups' }),
}).superRefine(notEmpty);
export type CreateWelcomeTemplateInput = z.output<typeof createWelcomeTemplateSchema>;

/** An edit replaces the whole content: WeCom's /edit takes the template as it should now be. */
export const updateWelcomeTemplateSchema = z.strictObject(content).superRefine(notEmpty);
export type UpdateWelcomeTemplateInput = z.output<typeof updateWelcomeTemplateSchema>;

export const welcomeTemplateSchema = z.object({
  id: z.string(),
  corpRowId: z.string(),
  templateId: z.string().meta({ description: 'WeCom\'s template_id' }),
  name: z.string(),
  text: z.object({ content: z.string() }).nullable(),
  attachment: z.union([
    z.object({ kind: z.literal('image'), picUrl: z.string() }),
    z.object({ kind: z.literal('link'), title: z.string(), url: z.string(), picUrl: z.string().nullable(), desc: z.string().nullable() }),
    z.object({ kind: z.literal('miniprogram'), title: z.string(), picMediaId: z.string(), appid: z.string(), page: z.string() }),
  ]).nullable(),
  notify: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  lastPulledAt: z.date().nullable().meta({ description: 'when the content was last read back from WeCom (?refresh=1)' }),
});
export type WelcomeTemplate = z.infer<typeof welcomeTemplateSchema>;
