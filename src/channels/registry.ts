import type { ChannelAdapter } from './types.js';
import { sandboxAdapter } from './sandbox/outbound.js';

const adapters = new Map<string, ChannelAdapter>([[sandboxAdapter.channel, sandboxAdapter]]);

/** Channels without an outbound adapter (webhook, imports) only bring events in. */
export const adapterFor = (channel: string): ChannelAdapter | undefined => adapters.get(channel);
export const registerAdapter = (adapter: ChannelAdapter) => void adapters.set(adapter.channel, adapter);
