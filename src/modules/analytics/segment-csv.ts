import type { TenantCtx } from '../../core/context.js';
import { LEVELS } from './engagement-settings.js';
import { memberProfiles, type MemberProfile } from './member-profiles.js';
import { checkSegment } from './segments.js';
import type { SegmentQuery } from './segment-members.js';

/** Excel reads a file without it as the local ANSI code page, and Chinese names turn into mojibake. */
export const BOM = '\uFEFF';

export const CSV_HEADER = ['member_id', 'name', 'communities', 'stages', 'roles', 'score', 'level', 'level_name', 'last_active_day'];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. Text that a
 * spreadsheet would run as a formula (leading = + - @, tab or CR) gets a leading apostrophe: member names
 * come from chat platforms and are anyone's to choose.
 */
export function csvField(value: string, text = true): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(p: MemberProfile): string {
  const level = p.level ? LEVELS[p.level - 1]! : null;
  const fields: [string, boolean][] = [
    [p.member_id, false],
    [p.name, true],
    [p.communities.map((c) => c.name).join('; '), true],
    [p.communities.map((c) => c.stage).join('; '), false],
    [p.roles.join('; '), false],
    [p.score === null ? '' : p.score.toFixed(2), false],
    [p.level === null ? '' : String(p.level), false],
    [level ? `${level.name_zh} ${level.name_en}` : '', false],
    [p.last_active_day ?? '', false],
  ];
  return fields.map(([v, text]) => csvField(v, text)).join(',');
}

/**
 * The whole segment as CSV text, in the order of segmentMembers: BOM, header, one CRLF-terminated row
 * per member. Communities and their stages are "; "-separated in the same order.
 */
export async function segmentCsv(ctx: TenantCtx, input: SegmentQuery): Promise<{ csv: string; as_of: Date; as_of_day: string }> {
  const segment = checkSegment(input.segment);
  const { scope, profiles } = await memberProfiles(ctx, input);
  const lines = [CSV_HEADER.join(','), ...profiles.filter((p) => p.segments.includes(segment)).map(csvRow)];
  return { csv: BOM + lines.map((l) => `${l}\r\n`).join(''), as_of: scope.to, as_of_day: scope.lastDay };
}
