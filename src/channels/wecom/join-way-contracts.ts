import { z } from 'zod';

export const joinWayChatSchema = z.object({
  chatId: z.string(),
  communityId: z.string().nullable().meta({ description: 'the Shequn community of the chat; null when group sync no longer knows it' }),
  name: z.string().nullable(),
});

export const joinWaySchema = z.object({
  liveCodeId: z.string(),
  status: z.enum(['ready', 'pending', 'error', 'none']).meta({
    description: 'ready: WeCom\'s QR code is live; pending: not created yet; error: see lastError; none: the live code is not a WeCom one or is paused',
  }),
  corpRowId: z.string().nullable(),
  configId: z.string().nullable().meta({ description: 'WeCom\'s config_id of the 「加入群聊」 join way (path/92229)' }),
  qrCode: z.string().nullable().meta({ description: 'the URL of WeCom\'s QR code image, which the scan page shows' }),
  chats: z.array(joinWayChatSchema).meta({ description: 'the up to five groups WeCom sends people to, in pool order' }),
  state: z.string().nullable().meta({ description: 'the state WeCom attaches to joins through it: the live code\'s slug' }),
  roomBaseName: z.string().nullable(),
  roomBaseId: z.number().int().nullable(),
  syncedAt: z.date().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.date().nullable(),
});
export type JoinWayView = z.infer<typeof joinWaySchema>;
