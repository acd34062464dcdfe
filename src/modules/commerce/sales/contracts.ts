import { z } from 'zod';
import { pageQuerySchema } from '../../../core/pagination.js';

export const SALES_DIMENSIONS = ['community', 'campaign', 'distributor', 'variant'] as const;
export type SalesDimension = (typeof SALES_DIMENSIONS)[number];

const day = z.iso.date('must be a date (YYYY-MM-DD)');

export const salesQuerySchema = pageQuerySchema.extend({
  by: z.enum(SALES_DIMENSIONS, 'must be community, campaign, distributor or variant').default('community'),
  /** First and last local day (the workspace's time zone) of the orders' payment, both included. */
  from: day,
  to: day,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter currency code').default('CNY'),
}).superRefine((q, c) => {
  if (q.to < q.from) c.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > 366) c.addIssue({ code: 'custom', path: ['to'], message: 'at most 366 days after from' });
});
export type SalesQuery = z.output<typeof salesQuerySchema>;

const figures = {
  orders: z.number().int(),
  buyers: z.number().int(),
  paidCents: z.number().int(),
  refundedCents: z.number().int(),
  netCents: z.number().int(),
};

export const salesRowSchema = z.object({
  /** The community, distributor or template id, the campaign name; null: orders with no attribution of this kind. */
  key: z.string().nullable(),
  label: z.string().nullable(),
  /** The variant key, on `by=variant` rows only. */
  variant: z.string().nullable(),
  ...figures,
  /** This row's part of the period's net revenue (0 when there is none). */
  shareOfNet: z.number(),
});

export const salesReportSchema = z.object({
  by: z.enum(SALES_DIMENSIONS),
  from: z.string(),
  to: z.string(),
  currency: z.string(),
  totals: z.object(figures),
  /** Net revenue and paid orders per local day of the period, every day present. */
  daily: z.array(z.object({ day: z.string(), orders: z.number().int(), netCents: z.number().int() })),
  items: z.array(salesRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type SalesReport = z.infer<typeof salesReportSchema>;
