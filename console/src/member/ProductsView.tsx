import { useEffect, useState } from 'react';
import { memberApi, newKey } from './api.js';
import { useLoad } from './hooks.js';
import { useT } from './i18n.js';
import { shopApi, yuan, type MemberOrder, type Quote, type ShopProduct } from './shopApi.js';
import { PayButton, refusalText } from './PaySheet.js';
import { Failure, Loading } from './ui.js';

const BUY_WORDS = { quantity: 'shop.short', skuId: 'shop.gone', claimId: 'shop.couponRefused', subtotalCents: 'shop.couponMin', validFrom: 'shop.couponNotYet', validUntil: 'shop.couponExpired' } as const;

/** 商城: the products on sale; tapping one opens it to choose a SKU, a quantity and a coupon, and buy. */
export function ProductsView({ onOrders }: { onOrders: () => void }) {
  const { t } = useT();
  const products = useLoad(() => shopApi.products(), []);
  const [open, setOpen] = useState<ShopProduct | null>(null);
  if (products.error) return <Failure error={products.error} onRetry={products.reload} />;
  if (!products.data) return <Loading />;
  if (open) return <ProductDetail product={open} onBack={() => { setOpen(null); products.reload(); }} onOrders={onOrders} />;
  if (!products.data.items.length) return <p className="m-muted m-center">{t('shop.empty')}</p>;
  return (
    <ul className="m-grid" data-testid="m-products">
      {products.data.items.map((p) => {
        const from = Math.min(...p.skus.map((s) => s.priceCents));
        const stock = p.skus.reduce((n, s) => n + s.stock, 0);
        return (
          <li key={p.id} className="m-card m-reward" onClick={() => setOpen(p)} data-testid={`m-product-${p.name}`} role="button">
            <strong>{p.name}</strong>
            {p.description && <p className="m-muted m-small">{p.description}</p>}
            <div className="m-reward-foot">
              <span className="m-cost">{yuan(from)}{p.skus.length > 1 ? t('shop.from') : ''}</span>
              <span className="m-muted m-small">{stock ? t('shop.stock', { n: stock }) : t('shop.soldOut')}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function ProductDetail({ product, onBack, onOrders }: { product: ShopProduct; onBack: () => void; onOrders: () => void }) {
  const { t } = useT();
  const [skuId, setSkuId] = useState(product.skus.find((s) => s.stock > 0)?.id ?? product.skus[0]!.id);
  const [quantity, setQuantity] = useState(1);
  const [claimId, setClaimId] = useState('');
  const [quote, setQuote] = useState<Quote | null>(null);
  const [quoteError, setQuoteError] = useState('');
  // One key per choice: a double tap, or a retry after a lost answer, places the one order.
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [order, setOrder] = useState<MemberOrder | null>(null);
  const coupons = useLoad(() => memberApi.coupons('active', 1), []);
  const sku = product.skus.find((s) => s.id === skuId)!;

  useEffect(() => {
    let live = true;
    setKey(newKey());
    shopApi.quote(skuId, quantity, claimId || undefined).then((q) => { if (live) { setQuote(q); setQuoteError(''); } },
      (e) => { if (live) { setQuote(null); setQuoteError(refusalText(t, e, BUY_WORDS)); } });
    return () => { live = false; };
  }, [skuId, quantity, claimId, t]);

  const buy = async () => {
    setBusy(true);
    try {
      setOrder(await shopApi.buy({ skuId, quantity, idempotencyKey: key, ...(claimId ? { claimId } : {}) }));
    } catch (e) {
      setQuoteError(refusalText(t, e, BUY_WORDS));
    } finally {
      setBusy(false);
    }
  };

  if (order) {
    return (
      <div className="m-card" data-testid="m-order-placed">
        <h2 className="m-h2">{t('shop.placed')}</h2>
        <p>{product.name} · {sku.name} × {order.lines[0]?.quantity ?? quantity}</p>
        <p className="m-mid">{yuan(order.totalCents)}</p>
        {order.status === 'created' && <PayButton order={order} onPaid={onOrders} block />}
        <button type="button" className="m-btn m-btn-plain m-block" onClick={onOrders}>{t('shop.toOrders')}</button>
      </div>
    );
  }
  return (
    <div className="m-card" data-testid="m-product-detail">
      <button type="button" className="m-link" onClick={onBack}>‹ {t('shop.back')}</button>
      <h2 className="m-h2">{product.name}</h2>
      {product.description && <p className="m-muted">{product.description}</p>}
      <div className="m-chips">
        {product.skus.map((s) => (
          <button key={s.id} type="button" className={s.id === skuId ? 'm-btn' : 'm-btn m-btn-plain'} disabled={!s.stock} onClick={() => { setSkuId(s.id); setQuantity(1); }}>
            {s.name} {yuan(s.priceCents)}
          </button>
        ))}
      </div>
      <div className="m-row m-row-flat">
        <span className="m-muted m-small">{sku.stock ? t('shop.stock', { n: sku.stock }) : t('shop.soldOut')}</span>
        <span>
          <button type="button" className="m-icon" disabled={quantity <= 1} onClick={() => setQuantity((q) => q - 1)} aria-label="-">−</button>
          <span data-testid="m-quantity">{quantity}</span>
          <button type="button" className="m-icon" disabled={quantity >= Math.min(sku.stock, 99)} onClick={() => setQuantity((q) => q + 1)} aria-label="+">+</button>
        </span>
      </div>
      <label className="m-small m-muted" htmlFor="m-coupon">{t('shop.coupon')}</label>
      <select id="m-coupon" className="m-input" value={claimId} onChange={(e) => setClaimId(e.target.value)} data-testid="m-coupon-select">
        <option value="">{t('shop.noCoupon')}</option>
        {coupons.data?.items.map((c) => <option key={c.id} value={c.id}>{c.couponName}</option>)}
      </select>
      {quote && (
        <div className="m-small" data-testid="m-quote">
          <div className="m-row m-row-flat"><span>{t('shop.subtotal')}</span><span>{yuan(quote.subtotalCents)}</span></div>
          {quote.discountCents > 0 && <div className="m-row m-row-flat"><span>{quote.couponName}</span><span>−{yuan(quote.discountCents)}</span></div>}
          <div className="m-row m-row-flat"><strong>{t('shop.payable')}</strong><strong className="m-cost">{yuan(quote.payableCents)}</strong></div>
        </div>
      )}
      {quoteError && <p className="m-bad m-small" data-testid="m-buy-error">{quoteError}</p>}
      <button type="button" className="m-btn m-block" disabled={busy || !sku.stock || !quote} onClick={buy} data-testid="m-buy">{t('shop.buy')}</button>
    </div>
  );
}
