import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
const agentId = z.string().trim().regex(/^\d{0,20}$/, 'must be the app\'s AgentId, digits only');
const token = z.string().trim().regex(/^[A-Za-z0-9]{1,32}$/, 'must be the callback Token: up to 32 letters or digits');
const encodingAesKey = z.string().trim().regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey');
const baseUrl = z.url('must be an http(s) address').max(200).regex(/^https?:\/\//, 'must start with http:// or https://');

/** Secrets are write-only: they come in here and never go out (corpSchema shows them masked). */
export const createCorpSchema = z.strictObject({
  name: text(60),
  corpId: z.string().trim().regex(/^[A-Za-z0-9_-]{4,64}$/, 'must be the corp id (企业ID) from My Company, e.g. ww0123456789abcdef'),
  agentId: agentId.default(''),
  secret: text(200).meta({ description: 'the self-built app\'s Secret, or the customer contact Secret' }),
  token,
  encodingAesKey,
  baseUrl: baseUrl.nullable().default(null).meta({ description: 'API address; default SHEQUN_WECOM_BASE_URL or https://qyapi.weixin.qq.com' }),
});
export type CreateCorpInput = z.output<typeof createCorpSchema>;

/** An edit: a field left out keeps its stored value (no defaults here, or they would overwrite it). */
export const updateCorpSchema = z.strictObject({
  name: text(60).optional(),
  agentId: agentId.optional(),
  secret: text(200).optional(),
  token: token.optional(),
  encodingAesKey: encodingAesKey.optional(),
  baseUrl: baseUrl.nullable().optional(),
});
export type UpdateCorpInput = z.output<typeof updateCorpSchema>;

export const corpSchema = z.object({
  id: z.string(), name: z.string(), corpId: z.string(), agentId: z.string(), baseUrl: z.string().nullable(),
  secretMasked: z.string(), tokenMasked: z.string(), encodingAesKeyMasked: z.string(),
  callbackUrl: z.string().meta({ description: 'paste into the app\'s 接收消息 settings; relative when SHEQUN_PUBLIC_URL is unset' }),
  lastTest: z.object({ at: z.date(), ok: z.boolean(), message: z.string() }).nullable(),
  createdAt: z.date(), updatedAt: z.date(),
});
export type Corp = z.infer<typeof corpSchema>;

export const testResultSchema = z.object({
  ok: z.boolean(),
  code: z.number().int().meta({ description: 'WeCom errcode (0 on success, -1 when WeCom could not be reached)' }),
  message: z.string(),
  expiresIn: z.number().int().nullable(),
});
export type TestResult = z.infer<typeof testResultSchema>;
