// crypto.randomUUID needs a secure context; a console served over plain http on a LAN address has none.
export const newIdempotencyKey = () => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`);
