import { adapterFor } from '../../../channels/registry.js';
import { isLoopbackUrl, publicBaseUrl } from '../../../core/public-url.js';

/**
 * The address tracked links of a send on this channel start with, or null to send links as written: when
 * no public address is known, or it is one only this machine can open and the channel's members are
 * elsewhere (a real platform with Shequn on localhost). A member must never get a link that cannot open.
 */
export function trackingBaseFor(channel: string): string | null {
  const base = publicBaseUrl();
  if (!base) return null;
  if (isLoopbackUrl(base) && !adapterFor(channel)?.membersOnThisMachine) return null;
  return base;
}
