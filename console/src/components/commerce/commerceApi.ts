// Typed calls for /api/v1/products, /skus, /orders and the sandbox payments (docs/api.md "Commerce").
import { apiRequest, type Page, type PageQuery } from '../../api.js';

export type ProductStatus = 'on_sale' | 'off_sale';
export interface Sku { id: string; productId: string; name: string; priceCents: number; currency: string; stock: number }
export interface Product { id: string; name: string; description: string; status: ProductStatus; skus: Sku[]; createdAt: string; updatedAt: string }
export interface ProductInput { name: string; description: string; status: ProductStatus }

export type OrderStatus = 'created' | 'paid' | 'fulfilled' | 'completed' | 'cancelled' | 'refund_requested' | 'refunded';
export const ORDER_STATUSES: OrderStatus[] = ['created', 'paid', 'fulfilled', 'completed', 'cancelled', 'refund_requested', 'refunded'];
export interface OrderSummary {
  id: string; memberId: string; memberName: string; status: OrderStatus; currency: string;
  subtotalCents: number; discountCents: number; totalCents: number; paidCents: number; refundedCents: number;
  discounts: { source: string; ref: string; amountCents: number }[];
  communityId: string | null; campaign: string | null; variant: string | null; distributorId: string | null;
  expiresAt: string; createdAt: string; paidAt: string | null; cancelledAt: string | null; cancelReason: string | null;
}
export interface OrderDetail extends OrderSummary {
  lines: { lineNo: number; skuId: string; productName: string; skuName: string; unitPriceCents: number; quantity: number; lineCents: number }[];
  payments: { id: string; provider: string; providerTxnId: string; amountCents: number; status: 'pending' | 'succeeded' | 'failed'; failure: string | null; createdAt: string; settledAt: string | null }[];
  refunds: { id: string; amountCents: number; reason: string; status: 'pending' | 'succeeded' | 'failed'; createdAt: string; settledAt: string | null }[];
  history: { fromStatus: string | null; toStatus: string; amountCents: number | null; note: string | null; actor: string; at: string }[];
}

const enc = encodeURIComponent;
/** A fresh key per click: a retried request replays, a second click is a second request. */
export const newKey = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const commerceApi = {
  products: (q: PageQuery & { status?: ProductStatus; q?: string }) => apiRequest<Page<Product>>('GET', '/products', undefined, q),
  createProduct: (body: ProductInput & { skus: { name: string; priceCents: number; stock: number }[] }) => apiRequest<Product>('POST', '/products', body),
  updateProduct: (id: string, body: ProductInput) => apiRequest<Product>('PUT', `/products/${enc(id)}`, body),
  addSku: (productId: string, body: { name: string; priceCents: number; stock: number }) => apiRequest<Product>('POST', `/products/${enc(productId)}/skus`, body),
  updateSku: (id: string, body: { name: string; priceCents: number }) => apiRequest<Sku>('PUT', `/skus/${enc(id)}`, body),
  restock: (id: string, quantity: number) => apiRequest<Sku>('POST', `/skus/${enc(id)}/restock`, { quantity, idempotencyKey: newKey('restock') }),
  orders: (q: PageQuery & { status?: OrderStatus; memberId?: string; communityId?: string }) => apiRequest<Page<OrderSummary>>('GET', '/orders', undefined, q),
  order: (id: string) => apiRequest<OrderDetail>('GET', `/orders/${enc(id)}`),
  transition: (id: string, verb: 'cancel' | 'fulfil' | 'complete') => apiRequest<OrderDetail>('POST', `/orders/${enc(id)}/${verb}`, {}),
  refund: (id: string, amountCents: number, reason: string) => apiRequest<unknown>('POST', `/orders/${enc(id)}/refunds`, { amountCents, reason, idempotencyKey: newKey('refund') }),
  startPayment: (id: string) => apiRequest<{ id: string }>('POST', `/orders/${enc(id)}/payments`, { provider: 'sandbox' }),
  sandboxComplete: (paymentId: string, outcome: 'succeeded' | 'failed') => apiRequest<unknown>('POST', `/payments/sandbox/${enc(paymentId)}/complete`, { outcome }),
};

/** Cents as yuan for showing: 1990 → "¥19.90". */
export const money = (cents: number) => `¥${(cents / 100).toFixed(2)}`;
/** Yuan typed into a form as integer cents, without float drift (19.9 → 1990). */
export const toCents = (yuan: number) => Math.round(yuan * 100);
