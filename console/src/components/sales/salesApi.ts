// Typed call for /api/v1/commerce/sales (docs/commerce.md "Sales by source").
import { apiRequest } from '../../api.js';

export type SalesDimension = 'community' | 'campaign' | 'distributor' | 'variant';
export const SALES_DIMENSIONS: SalesDimension[] = ['community', 'campaign', 'distributor', 'variant'];

export interface SalesFigures { orders: number; buyers: number; paidCents: number; refundedCents: number; netCents: number }
export interface SalesRow extends SalesFigures { key: string | null; label: string | null; variant: string | null; shareOfNet: number }
export interface SalesReport {
  by: SalesDimension; from: string; to: string; currency: string; totals: SalesFigures;
  daily: { day: string; orders: number; netCents: number }[];
  items: SalesRow[]; total: number; page: number; pageSize: number;
}

export const salesApi = {
  report: (q: { by: SalesDimension; from: string; to: string; page: number; pageSize: number }) => apiRequest<SalesReport>('GET', '/commerce/sales', undefined, q),
};
