export interface MessageValues { name: string; campaign: string; invitee: string; qualified: number; goal: number; remaining: number }

/**
 * Fills a progress message's variables (contracts.ts allows exactly these). Filled-in values are not read
 * again, so a member named "{{goal}}" is printed as named.
 */
export function renderMessage(text: string, v: MessageValues): string {
  const byName: Record<string, string> = {
    name: v.name, campaign: v.campaign, invitee: v.invitee, qualified: String(v.qualified), goal: String(v.goal), remaining: String(v.remaining),
  };
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (whole, name: string) => byName[name] ?? whole);
}
