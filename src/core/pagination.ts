import { z } from 'zod';
import type { Db } from '../db/client.js';
import { rows, sql, type SQL } from '../db/client.js';

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;
export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** Wraps a select into one round trip that also counts, so the page and its total agree. */
export async function paginate<T>(db: Db, q: PageQuery, select: SQL, orderBy: SQL): Promise<Page<T>> {
  const offset = (q.page - 1) * q.pageSize;
  const found = await rows<T & { __total: number }>(db, sql`
    select t.*, count(*) over ()::int as "__total" from (${select}) t
    order by ${orderBy} limit ${q.pageSize} offset ${offset}`);
  let total = found[0]?.__total ?? 0;
  if (found.length === 0 && offset > 0) {
    total = (await rows<{ n: number }>(db, sql`select count(*)::int as n from (${select}) t`))[0]!.n;
  }
  const items = found.map(({ __total, ...rest }) => rest as unknown as T);
  return { items, total, page: q.page, pageSize: q.pageSize };
}
