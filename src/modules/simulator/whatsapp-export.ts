import type { EventInput } from '../tracking/event-contract.js';
import { generateEvents, type SimulationOptions } from './generate-events.js';
import { offsetMs } from '../importers/local-time.js';

/**
 * Writes a simulated history the way WhatsApp on Android exports a group chat (`12/31/20, 9:15 PM - Name:
 * text`, wall-clock time of the phone, system lines for joins and leaves), so the importer and its
 * benchmark run on realistic files of any size. Every community of the simulation goes into the one
 * chat; ids are lost, as in a real export, and replies and mentions survive only as text.
 */
export async function* whatsappExportLines(opts: SimulationOptions & { timeZone: string; maxMessages?: number }): AsyncGenerator<string> {
  let messages = 0;
  let first = true;
  for (const batch of generateEvents(opts)) {
    for (const e of batch) {
      const line = exportLine(e, opts.timeZone);
      if (!line) continue;
      if (first) {
        first = false;
        yield `${stamp(new Date(e.occurredAt), opts.timeZone)} - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them. Tap to learn more.`;
      }
      yield line;
      if (e.type === 'message.sent' && ++messages >= (opts.maxMessages ?? Infinity)) return;
    }
  }
}

/** One event as its export line(s); null for events a chat export does not show (check-ins, orders). */
export function exportLine(e: EventInput, timeZone: string): string | null {
  const when = stamp(new Date(e.occurredAt), timeZone);
  const name = e.member.name ?? e.member.externalId;
  const data = e.data ?? {};
  switch (e.type) {
    case 'member.joined':
      return `${when} - ${name} joined using this group's invite link`;
    case 'member.left':
      return `${when} - ${name} left`;
    case 'message.sent': {
      const text = typeof data.text === 'string' && data.text ? data.text : '';
      if (!text) return `${when} - ${name}: <Media omitted>`;
      return `${when} - ${name}: ${text}`;
    }
    default:
      return null;
  }
}

/** `12/31/20, 9:15 PM`: month-first, two-digit year, 12-hour clock, as a US-locale Android phone writes. */
function stamp(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + offsetMs(at.getTime(), timeZone));
  const h = local.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCMonth() + 1}/${local.getUTCDate()}/${String(local.getUTCFullYear() % 100).padStart(2, '0')}, ${hour12}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
}
