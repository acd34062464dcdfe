import fs from 'node:fs';
import path from 'node:path';
import type { ImportedChat, ImportSource } from '../types.js';

/**
 * DiscordChatExporter names files `Guild - Category - channel [channelId].ext`, with ` (after …)` /
 * ` (before …)` / ` (… to …)` for date ranges and ` [part N]` when split. The bracketed id is the channel's.
 */
export function chatFromFileName(file: string): ImportedChat {
  const base = path.basename(file, path.extname(file));
  // Upload sanitising turns the brackets into "_", so both spellings are read.
  const m = /^(.*?) [[_](\d{5,})[\]_](?: \([^)]*\))?(?: [[_]part \d+[\]_])?$/.exec(base);
  return m ? { id: m[2]!, name: m[1]! } : { name: base };
}

/** The export files to read: the file itself, or a folder's files with the extension, sorted by name. */
export async function exportFiles(source: ImportSource, ext: string): Promise<{ full: string; file?: string }[]> {
  if (!source.isDirectory) return [{ full: source.path }];
  const names = (await fs.promises.readdir(source.path, { withFileTypes: true }))
    .filter((d) => d.isFile() && d.name.toLowerCase().endsWith(ext))
    .map((d) => d.name)
    .sort();
  return names.map((name) => ({ full: path.join(source.path, name), file: name }));
}

/**
 * The contents of system notifications as DiscordChatExporter writes them (GetFallbackContent); CSV has no
 * message type column, so this wording is the only way to tell them apart from what people typed.
 */
export const DISCORD_SYSTEM_SKIPPED: readonly RegExp[] = [
  /^Pinned a message\.$/,
  /^Started a thread\.$/,
  /^Changed the channel icon\.$/,
  /^Changed the channel name(?:\.|: .*)$/s,
  /^Started a call that lasted [\d,]+ minutes\.$/,
  /^(?:A poll has closed\.|.+'s poll .*has closed\.)$/s,
];
