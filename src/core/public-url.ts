/**
 * The address at which members' browsers reach this instance, for the links Shequn hands out (tracked
 * links). SHEQUN_PUBLIC_URL when set; otherwise what `shequn start` listens on, which only the sandbox's
 * members (on this machine) can open. Null in a process that serves no HTTP and was told nothing (a bare
 * CLI run): links then go out as written.
 */
let listening: string | null = null;

export function setListeningUrl(url: string | null): void {
  listening = url;
}

export function publicBaseUrl(): string | null {
  const configured = process.env.SHEQUN_PUBLIC_URL?.trim();
  const base = configured || listening;
  return base ? base.replace(/\/+$/, '') : null;
}

/** Whether an address can only be reached from this machine (localhost, 127.x, ::1, 0.0.0.0). */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0' || /^127\./.test(host);
}
