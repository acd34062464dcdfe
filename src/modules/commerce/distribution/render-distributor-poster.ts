import type { TenantCtx } from '../../../core/context.js';
import { AppError } from '../../../core/errors.js';
import { getMember } from '../../community/members.js';
import { drawPoster } from '../../growth/fission/poster/draw-poster.js';
import { distributorOfMember } from './distributor-row.js';

// The same poster drawing as a fission campaign's (750 × 1200, the member's name and their own QR code), in
// colours of its own so a distributor's poster is not mistaken for an invite campaign's.
const ART = { background: '#1d39c4', accent: '#ffd666' };

/**
 * An approved distributor's share poster (PNG): their name, their referral code, and a QR code of their
 * referral link, so a customer who scans it is bound to them by the workspace's binding rule. Refused while
 * the member is no approved distributor, or while the workspace has no landing page for links.
 */
export async function renderDistributorPoster(ctx: TenantCtx, memberId: string): Promise<Buffer> {
  const d = await distributorOfMember(ctx, memberId);
  if (!d || d.status !== 'approved' || !d.code) throw new AppError('conflict', 'distributor: only an approved distributor has a poster', [{ path: 'status', message: 'not an approved distributor' }]);
  if (!d.link) throw new AppError('conflict', 'distribution: set a landing page in the distribution settings first', [{ path: 'landingUrl', message: 'no landing page for referral links' }]);
  const member = await getMember(ctx, memberId) as unknown as { displayName: string };
  return drawPoster({ name: member.displayName, url: d.link, art: { ...ART, title: '好物推荐 扫码下单', subtitle: `我的推荐码 ${d.code}` } });
}
