import type { MediaType } from '../types.js';

const IMAGE = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'bmp', 'heic', 'heif', 'tif', 'tiff', 'svg', 'avif']);
const VIDEO = new Set(['mp4', 'mov', 'webm', 'mkv', 'avi', 'm4v', 'wmv', 'flv', '3gp']);
// Platforms' voice notes are audio files (Discord's are voice-message.ogg), so all audio counts as voice.
const AUDIO = new Set(['mp3', 'ogg', 'oga', 'opus', 'wav', 'm4a', 'aac', 'flac', 'amr', 'wma']);

/** The media kind of an attached file from its name or URL; anything not image/video/audio is a file. */
export function mediaFromFileName(nameOrUrl: string): MediaType {
  const clean = nameOrUrl.split(/[?#]/)[0] ?? '';
  const dot = clean.lastIndexOf('.');
  const ext = dot === -1 || dot < clean.lastIndexOf('/') ? '' : clean.slice(dot + 1).toLowerCase();
  if (IMAGE.has(ext)) return 'image';
  if (VIDEO.has(ext)) return 'video';
  if (AUDIO.has(ext)) return 'voice';
  return 'file';
}

/** The media kind from a MIME type, falling back to the file name when the type is missing or generic. */
export function mediaFromMime(mime: string | undefined, name?: string): MediaType {
  const top = (mime ?? '').split('/')[0]?.toLowerCase();
  if (top === 'image') return 'image';
  if (top === 'video') return 'video';
  if (top === 'audio') return 'voice';
  return name ? mediaFromFileName(name) : 'file';
}
