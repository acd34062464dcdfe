import type { ImportedPerson } from '../types.js';

export interface SlackNames {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

/**
 * Slack stores message text as "mrkdwn" with control sequences in angle brackets (`<@U1>`, `<#C1|general>`,
 * `<https://x|label>`, `<!here>`) and escapes only &, < and >. Renders it as a reader would see it in the
 * Slack client and collects the user mentions.
 */
export function renderSlackText(raw: string, names: SlackNames): { text: string; mentions: ImportedPerson[] } {
  const mentions: ImportedPerson[] = [];
  const seen = new Set<string>();
  const text = raw.replace(/<([^<>]*)>/g, (_all, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (target.startsWith('@')) {
      const id = target.slice(1);
      const name = names.user(id) ?? label ?? id;
      if (!seen.has(id)) {
        seen.add(id);
        mentions.push({ id, name });
      }
      return `@${name}`;
    }
    if (target.startsWith('#')) return `#${names.channel(target.slice(1)) ?? label ?? target.slice(1)}`;
    if (target.startsWith('!')) return special(target.slice(1), label);
    return link(target, label);
  });
  return { text: unescape(text), mentions };
}

/** `<!here>`, `<!channel>`, `<!subteam^S1|@team>`, `<!date^…|fallback>`. */
function special(target: string, label: string | undefined): string {
  const word = target.split('^')[0]!;
  if (word === 'here' || word === 'channel' || word === 'everyone') return `@${word}`;
  if (label) return word === 'subteam' && !label.startsWith('@') ? `@${label}` : label;
  return word === 'subteam' ? `@${target.split('^')[1] ?? 'group'}` : `<${target}>`;
}

function link(url: string, label: string | undefined): string {
  if (url.startsWith('mailto:') || url.startsWith('tel:')) return label ?? url.slice(url.indexOf(':') + 1);
  // Slack labels auto-linked URLs with the URL minus its scheme; showing both would say it twice.
  if (!label || url.includes(label)) return url;
  return `${label} (${url})`;
}

function unescape(s: string): string {
  return s.replace(/&(lt|gt|amp);/g, (_m, e: string) => (e === 'lt' ? '<' : e === 'gt' ? '>' : '&'));
}
