import type { TenantCtx } from '../../core/context.js';
import type { Page, PageQuery } from '../../core/pagination.js';
import type { AsOfInput } from './as-of-scope.js';
import { memberProfiles, type MemberProfile } from './member-profiles.js';
import { checkSegment } from './segments.js';

export interface SegmentQuery extends AsOfInput { segment: string }

/**
 * One page of a segment's members at asOf, highest engagement score first (members who left last), then
 * name. total counts the whole segment; an unknown segment is a 400 naming the field.
 */
export async function segmentMembers(ctx: TenantCtx, input: SegmentQuery & PageQuery): Promise<Page<MemberProfile> & { as_of: Date }> {
  const segment = checkSegment(input.segment);
  const { scope, profiles } = await memberProfiles(ctx, input);
  const inSegment = profiles.filter((p) => p.segments.includes(segment));
  const start = (input.page - 1) * input.pageSize;
  return { items: inSegment.slice(start, start + input.pageSize), total: inSegment.length, page: input.page, pageSize: input.pageSize, as_of: scope.to };
}
