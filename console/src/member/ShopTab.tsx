import { useEffect, useState } from 'react';
import type { Me } from './api.js';
import { useT, type MemberKey } from './i18n.js';
import { ProductsView } from './ProductsView.js';
import { GroupBuyView } from './GroupBuyView.js';
import { FlashSaleView } from './FlashSaleView.js';
import { OrdersView } from './OrdersView.js';

type Sub = 'products' | 'group-buy' | 'flash-sale' | 'orders';
const SUBS: { id: Sub; label: MemberKey }[] = [
  { id: 'products', label: 'shop.products' },
  { id: 'group-buy', label: 'shop.groupBuy' },
  { id: 'flash-sale', label: 'shop.flashSale' },
  { id: 'orders', label: 'shop.orders' },
];
const subOfHash = (): Sub => {
  const sub = window.location.hash.replace(/^#\/?shop\/?/, '');
  return SUBS.some((s) => s.id === sub) ? (sub as Sub) : 'products';
};

/** 商城: products, 拼团, 秒杀 and 我的订单 under one tab (#/shop/<part>), so the tab bar stays short on a phone. */
export function ShopTab({ me }: { me: Me }) {
  const { t } = useT();
  const [sub, setSub] = useState<Sub>(subOfHash);
  useEffect(() => {
    const onHash = () => setSub(subOfHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (s: Sub) => { window.location.hash = `#/shop/${s}`; };
  return (
    <section>
      <div className="m-card m-hero-row m-seg" role="tablist">
        {SUBS.map((s) => (
          <button key={s.id} type="button" role="tab" aria-selected={s.id === sub} className={s.id === sub ? 'm-btn' : 'm-btn m-btn-plain'}
            onClick={() => go(s.id)} data-testid={`m-shop-${s.id}`}>
            {t(s.label)}
          </button>
        ))}
      </div>
      {sub === 'products' && <ProductsView onOrders={() => go('orders')} />}
      {sub === 'group-buy' && <GroupBuyView />}
      {sub === 'flash-sale' && <FlashSaleView onOrders={() => go('orders')} />}
      {sub === 'orders' && <OrdersView me={me} />}
    </section>
  );
}
