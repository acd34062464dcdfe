/**
 * The attachments of add_msg_template (path/92135) from an action's media, as Shequn's templates spell them
 * (type image / link / mini_program, src/modules/automation/templates/content.ts). WeCom takes up to 9. What
 * cannot map is left out and named, so the staff task can say what to add by hand.
 */
export interface MappedAttachments { attachments: Record<string, unknown>[]; left: string[] }

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const MAX_ATTACHMENTS = 9;

export function massAttachments(media: unknown): MappedAttachments {
  const items = Array.isArray(media) ? media.filter((m): m is Record<string, unknown> => typeof m === 'object' && m !== null) : [];
  const attachments: Record<string, unknown>[] = [];
  const left: string[] = [];
  for (const m of items) {
    const type = str(m.type) ?? str(m.msgtype) ?? 'unknown';
    const mapped = one(type, m);
    if (typeof mapped === 'string') left.push(mapped);
    else if (attachments.length >= MAX_ATTACHMENTS) left.push(`${type}: WeCom takes at most ${MAX_ATTACHMENTS} attachments`);
    else attachments.push(mapped);
  }
  return { attachments, left };
}

/** One attachment, or why it cannot be one. */
function one(type: string, m: Record<string, unknown>): Record<string, unknown> | string {
  switch (type) {
    case 'image': {
      // media_id (临时素材) wins when both are given; pic_url is an image address WeCom can fetch.
      const mediaId = str(m.mediaId);
      const picUrl = str(m.url);
      if (!mediaId && !picUrl) return 'image: no address';
      return { msgtype: 'image', image: mediaId ? { media_id: mediaId } : { pic_url: picUrl } };
    }
    case 'link': {
      const title = str(m.title);
      const url = str(m.url);
      if (!title || !url) return 'link: needs a title and an address';
      const desc = str(m.description);
      const picurl = str(m.coverUrl);
      return { msgtype: 'link', link: { title, url, ...(picurl ? { picurl } : {}), ...(desc ? { desc } : {}) } };
    }
    case 'mini_program': {
      const title = str(m.title);
      const appid = str(m.appId);
      const page = str(m.pagePath);
      // WeCom wants the cover as a media_id it holds (pic_media_id is required), not as an address.
      const picMediaId = str(m.picMediaId) ?? str(m.mediaId);
      if (!title || !appid || !page) return 'mini_program: needs a title, app id and page';
      if (!picMediaId) return `mini_program ${title}: WeCom needs its cover uploaded as media (pic_media_id); add the card by hand`;
      return { msgtype: 'miniprogram', miniprogram: { title, pic_media_id: picMediaId, appid, page } };
    }
    default:
      return `${type}: not an attachment WeCom group mass messages take from Shequn`;
  }
}
