import type { ChannelAdapter } from './types.js';
import { sandboxAdapter } from './sandbox/outbound.js';
import { wecomAdapter } from './wecom/outbound.js';

const adapters = new Map<string, ChannelAdapter>([[sandboxAdapter.channel, sandboxAdapter], [wecomAdapter.channel, wecomAdapter]]);

/** Channels without an outbound adapter (webhook, imports) only bring events in. */
export const adapterFor = (channel: string): ChannelAdapter | undefined => adapters.get(channel);
/**
 * Adds (or replaces) a channel's outbound adapter: a platform integration at start-up, or a test that needs
 * a platform with other traits (an `assisted` one, say). Answers a function that puts back what was there.
 */
export const registerAdapter = (adapter: ChannelAdapter): (() => void) => {
  const previous = adapters.get(adapter.channel);
  adapters.set(adapter.channel, adapter);
  return () => void (previous ? adapters.set(adapter.channel, previous) : adapters.delete(adapter.channel));
};
