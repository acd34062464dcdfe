import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import { useAuth } from '../auth.js';
import { useRequest, useUrlState } from '../hooks.js';
import { useI18n } from '../i18n/index.js';
import { PageHeader } from '../components/PageHeader.js';
import { PagedTable } from '../components/PagedTable.js';
import { RequestError } from '../components/RequestError.js';
import { useRowAction } from '../components/RowActions.js';
import { useFormSubmit } from '../components/useFormSubmit.js';
import { commerceApi, money, toCents, type Product, type ProductStatus, type Sku } from '../components/commerce/commerceApi.js';

interface ProductForm { name: string; description: string; status: ProductStatus; skuName: string; price: number; stock: number }
interface SkuForm { name: string; price: number; stock: number }

/** 商品: products with their SKUs, price and units left; add, edit, put on or off sale, add SKUs, restock. */
export default function ProductsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const editable = can('operator');
  const [q, setQ] = useUrlState({ page: 1, pageSize: 20, status: '' });
  const products = useRequest(() => commerceApi.products({ page: q.page, pageSize: q.pageSize, status: (q.status || undefined) as ProductStatus | undefined }), [q.page, q.pageSize, q.status]);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [skuFor, setSkuFor] = useState<{ product: Product; sku: Sku | null } | null>(null);
  const { busy, act } = useRowAction(products.reload);

  const skuColumns = (p: Product) => [
    { title: t('commerce.sku'), dataIndex: 'name' },
    { title: t('commerce.price'), dataIndex: 'priceCents', render: (c: number) => money(c) },
    { title: t('commerce.stock'), dataIndex: 'stock', render: (n: number, s: Sku) => <span data-testid={`sku-stock-${s.name}`}>{n === 0 ? <Tag color="red">{t('commerce.soldOut')}</Tag> : n}</span> },
    ...(editable ? [{
      title: '', key: 'actions', render: (_: unknown, s: Sku) => (
        <Space>
          <a onClick={() => setSkuFor({ product: p, sku: s })}>{t('common.edit')}</a>
          <RestockButton busy={busy === s.id} onRestock={(n) => act(s.id, () => commerceApi.restock(s.id, n), t('commerce.restocked', { n }))} />
        </Space>
      ),
    }] : []),
  ];

  return (
    <>
      <PageHeader title={t('nav.products')} testId="products-title"
        extra={editable && <Button type="primary" onClick={() => setEditing('new')} data-testid="product-add">{t('commerce.addProduct')}</Button>} />
      <Typography.Paragraph type="secondary">{t('commerce.productsIntro')}</Typography.Paragraph>
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Select style={{ width: 160 }} value={q.status} onChange={(status) => setQ({ status, page: 1 })} data-testid="products-status"
            options={[{ value: '', label: t('commerce.allStatuses') }, { value: 'on_sale', label: t('commerce.status.on_sale') }, { value: 'off_sale', label: t('commerce.status.off_sale') }]} />
        </Space>
        {products.error && <RequestError error={products.error} onRetry={products.reload} />}
        <PagedTable<Product> rowKey="id" data={products.data} paging={q} onPaging={(p) => setQ(p)} loading={products.loading}
          locale={{ emptyText: t('commerce.noProducts') }} data-testid="products-table"
          expandable={{ expandedRowRender: (p) => <Table<Sku> rowKey="id" size="small" pagination={false} dataSource={p.skus} columns={skuColumns(p)} /> }}
          columns={[
            { title: t('commerce.product'), dataIndex: 'name' },
            { title: t('commerce.statusCol'), dataIndex: 'status', render: (s: ProductStatus) => <Tag color={s === 'on_sale' ? 'green' : 'default'}>{t(`commerce.status.${s}`)}</Tag> },
            { title: t('commerce.skus'), key: 'skus', render: (_: unknown, p) => p.skus.length },
            { title: t('commerce.price'), key: 'price', render: (_: unknown, p) => priceRange(p.skus) },
            { title: t('commerce.stock'), key: 'stock', render: (_: unknown, p) => p.skus.reduce((n, s) => n + s.stock, 0) },
            ...(editable ? [{
              title: '', key: 'actions', render: (_: unknown, p: Product) => (
                <Space>
                  <a onClick={() => setEditing(p)}>{t('common.edit')}</a>
                  <a onClick={() => setSkuFor({ product: p, sku: null })}>{t('commerce.addSku')}</a>
                  <a onClick={() => act(p.id, () => commerceApi.updateProduct(p.id, { name: p.name, description: p.description, status: p.status === 'on_sale' ? 'off_sale' : 'on_sale' }),
                    p.status === 'on_sale' ? t('commerce.tookOffSale') : t('commerce.putOnSale'))}>
                    {p.status === 'on_sale' ? t('commerce.takeOffSale') : t('commerce.putOnSaleAction')}
                  </a>
                </Space>
              ),
            }] : []),
          ]} />
      </Card>
      {editing !== null && <ProductModal product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); products.reload(); }} />}
      {skuFor && <SkuModal product={skuFor.product} sku={skuFor.sku} onClose={() => setSkuFor(null)} onSaved={() => { setSkuFor(null); products.reload(); }} />}
    </>
  );
}

function priceRange(skus: Sku[]): string {
  if (!skus.length) return '-';
  const prices = skus.map((s) => s.priceCents);
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  return lo === hi ? money(lo) : `${money(lo)} ~ ${money(hi)}`;
}

function RestockButton({ busy, onRestock }: { busy: boolean; onRestock: (n: number) => void }) {
  const { t } = useI18n();
  const [n, setN] = useState<number | null>(10);
  const [open, setOpen] = useState(false);
  return (
    <Popover open={open} onOpenChange={setOpen} trigger="click" content={(
      <Space>
        <InputNumber min={1} max={10_000_000} precision={0} value={n} onChange={setN} data-testid="restock-quantity" />
        <Button type="primary" size="small" loading={busy} disabled={!n} onClick={() => { if (n) { onRestock(n); setOpen(false); } }}>{t('commerce.restock')}</Button>
      </Space>
    )}>
      <a>{t('commerce.restock')}</a>
    </Popover>
  );
}

function ProductModal({ product, onClose, onSaved }: { product: Product | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductForm>();
  const { saving, submit } = useFormSubmit(form, ['name', 'description', 'status'], async (v) => {
    const base = { name: v.name, description: v.description ?? '', status: v.status };
    if (product) await commerceApi.updateProduct(product.id, base);
    else await commerceApi.createProduct({ ...base, skus: [{ name: v.skuName, priceCents: toCents(v.price), stock: v.stock }] });
    message.success(t('commerce.saved'));
    onSaved();
  });
  return (
    <Modal open title={product ? t('commerce.editProduct') : t('commerce.addProduct')} onCancel={onClose} onOk={submit} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')}>
      <Form form={form} layout="vertical" initialValues={product ?? { status: 'on_sale', stock: 0 }}>
        <Form.Item name="name" label={t('commerce.product')} rules={[{ required: true, message: t('commerce.required') }]}><Input maxLength={100} data-testid="product-name" /></Form.Item>
        <Form.Item name="description" label={t('commerce.description')}><Input.TextArea maxLength={2000} rows={2} /></Form.Item>
        <Form.Item name="status" label={t('commerce.statusCol')}>
          <Select options={[{ value: 'on_sale', label: t('commerce.status.on_sale') }, { value: 'off_sale', label: t('commerce.status.off_sale') }]} />
        </Form.Item>
        {!product && <SkuFields nameField="skuName" />}
      </Form>
    </Modal>
  );
}

function SkuFields({ nameField, withStock = true }: { nameField: string; withStock?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name={nameField} label={t('commerce.sku')} rules={[{ required: true, message: t('commerce.required') }]}><Input maxLength={100} placeholder="500g" data-testid="sku-name" /></Form.Item>
      <Form.Item name="price" label={t('commerce.priceYuan')} rules={[{ required: true, message: t('commerce.required') }]}>
        <InputNumber min={0} max={1_000_000} precision={2} style={{ width: '100%' }} data-testid="sku-price" />
      </Form.Item>
      {withStock && <Form.Item name="stock" label={t('commerce.stock')} rules={[{ required: true, message: t('commerce.required') }]}>
        <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} data-testid="sku-stock" />
      </Form.Item>}
    </>
  );
}

function SkuModal({ product, sku, onClose, onSaved }: { product: Product; sku: Sku | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SkuForm>();
  const { saving, submit } = useFormSubmit(form, ['name', 'stock'], async (v) => {
    if (sku) await commerceApi.updateSku(sku.id, { name: v.name, priceCents: toCents(v.price) });
    else await commerceApi.addSku(product.id, { name: v.name, priceCents: toCents(v.price), stock: v.stock });
    message.success(t('commerce.saved'));
    onSaved();
  });
  return (
    <Modal open title={`${product.name} · ${sku ? t('commerce.editSku') : t('commerce.addSku')}`} onCancel={onClose} onOk={submit} confirmLoading={saving} okText={t('common.save')} cancelText={t('common.cancel')}>
      <Form form={form} layout="vertical" initialValues={sku ? { name: sku.name, price: sku.priceCents / 100 } : { stock: 0 }}>
        <SkuFields nameField="name" withStock={!sku} />
        {sku && <Typography.Text type="secondary">{t('commerce.priceChangeHelp')}</Typography.Text>}
      </Form>
    </Modal>
  );
}
