import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App, Button, Layout, Menu, Space, Tag, Tooltip, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import {
  AuditOutlined, CloudUploadOutlined, DashboardOutlined, HeartOutlined, KeyOutlined, LogoutOutlined, TeamOutlined, UserOutlined, WechatOutlined,
  SolutionOutlined, CarryOutOutlined, MessageOutlined, SafetyOutlined, SendOutlined, ThunderboltOutlined,
  ScheduleOutlined, SmileOutlined, GiftOutlined, QrcodeOutlined,
  CheckSquareOutlined, TrophyOutlined, RedEnvelopeOutlined, ShareAltOutlined, ApartmentOutlined,
  TagsOutlined, ShopOutlined, ShoppingCartOutlined, FireOutlined, UsergroupAddOutlined, BarChartOutlined, EnvironmentOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { FullPageSpin, useAuth } from '../auth.js';
import { useI18n } from '../i18n/index.js';
import { errorText } from './errors.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { TodayBadge } from './tasks/TodayBadge.js';

const SECTIONS = ['today', 'communities', 'members', 'health', 'imports', 'templates', 'welcome', 'live-codes', 'fission', 'check-in', 'leaderboards', 'draws', 'sop', 'triggers', 'guardrails', 'moderation', 'points', 'distribution', 'coupons', 'flash-sales', 'group-buy', 'group-leaders', 'products', 'orders', 'sales', 'outbox', 'api-keys', 'staff', 'audit-log', 'wecom'];

export function AppLayout() {
  const { t, te } = useI18n();
  const { session, logout, can } = useAuth();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();

  const section = location.pathname.split('/')[1] ?? '';
  const selected = SECTIONS.includes(section) ? section : 'overview';

  const items: MenuProps['items'] = [
    { key: 'overview', icon: <DashboardOutlined />, label: <Link to="/">{t('nav.overview')}</Link> },
    { key: 'today', icon: <CarryOutOutlined />, label: <Link to="/today" data-testid="nav-today">{t('nav.today')} <TodayBadge /></Link> },
    { key: 'communities', icon: <WechatOutlined />, label: <Link to="/communities">{t('nav.communities')}</Link> },
    { key: 'members', icon: <TeamOutlined />, label: <Link to="/members">{t('nav.members')}</Link> },
    { key: 'health', icon: <HeartOutlined />, label: <Link to="/health">{t('nav.health')}</Link> },
    { key: 'imports', icon: <CloudUploadOutlined />, label: <Link to="/imports">{t('nav.imports')}</Link> },
    { key: 'templates', icon: <MessageOutlined />, label: <Link to="/templates" data-testid="nav-templates">{t('nav.templates')}</Link> },
    { key: 'welcome', icon: <SmileOutlined />, label: <Link to="/welcome" data-testid="nav-welcome">{t('nav.welcome')}</Link> },
    { key: 'live-codes', icon: <QrcodeOutlined />, label: <Link to="/live-codes" data-testid="nav-live-codes">{t('nav.liveCodes')}</Link> },
    { key: 'fission', icon: <ShareAltOutlined />, label: <Link to="/fission" data-testid="nav-fission">{t('nav.fission')}</Link> },
    { key: 'check-in', icon: <CheckSquareOutlined />, label: <Link to="/check-in" data-testid="nav-check-in">{t('nav.checkIn')}</Link> },
    { key: 'leaderboards', icon: <TrophyOutlined />, label: <Link to="/leaderboards" data-testid="nav-leaderboards">{t('nav.leaderboards')}</Link> },
    { key: 'draws', icon: <RedEnvelopeOutlined />, label: <Link to="/draws" data-testid="nav-draws">{t('nav.draws')}</Link> },
    { key: 'sop', icon: <ScheduleOutlined />, label: <Link to="/sop" data-testid="nav-sop">{t('nav.sop')}</Link> },
    { key: 'triggers', icon: <ThunderboltOutlined />, label: <Link to="/triggers" data-testid="nav-triggers">{t('nav.triggers')}</Link> },
    { key: 'guardrails', icon: <SafetyOutlined />, label: <Link to="/guardrails" data-testid="nav-guardrails">{t('nav.guardrails')}</Link> },
    { key: 'moderation', icon: <StopOutlined />, label: <Link to="/moderation" data-testid="nav-moderation">{t('nav.moderation')}</Link> },
    { key: 'points', icon: <GiftOutlined />, label: <Link to="/points" data-testid="nav-points">{t('nav.points')}</Link> },
    { key: 'distribution', icon: <ApartmentOutlined />, label: <Link to="/distribution" data-testid="nav-distribution">{t('nav.distribution')}</Link> },
    { key: 'coupons', icon: <TagsOutlined />, label: <Link to="/coupons" data-testid="nav-coupons">{t('nav.coupons')}</Link> },
    { key: 'group-buy', icon: <UsergroupAddOutlined />, label: <Link to="/group-buy" data-testid="nav-group-buy">{t('nav.groupBuy')}</Link> },
    { key: 'group-leaders', icon: <EnvironmentOutlined />, label: <Link to="/group-leaders" data-testid="nav-group-leaders">{t('nav.groupLeaders')}</Link> },
    { key: 'flash-sales', icon: <FireOutlined />, label: <Link to="/flash-sales" data-testid="nav-flash-sales">{t('nav.flashSale')}</Link> },
    { key: 'products', icon: <ShopOutlined />, label: <Link to="/products" data-testid="nav-products">{t('nav.products')}</Link> },
    { key: 'orders', icon: <ShoppingCartOutlined />, label: <Link to="/orders" data-testid="nav-orders">{t('nav.orders')}</Link> },
    { key: 'sales', icon: <BarChartOutlined />, label: <Link to="/sales" data-testid="nav-sales">{t('nav.sales')}</Link> },
    { key: 'outbox', icon: <SendOutlined />, label: <Link to="/outbox" data-testid="nav-outbox">{t('nav.outbox')}</Link> },
  ];
  // Admin pages stay reachable by URL (and answer 403 there); the menu just doesn't offer them to others.
  if (can('admin')) {
    items.push({
      type: 'group', key: 'settings', label: collapsed ? null : t('nav.settings'),
      children: [
        { key: 'api-keys', icon: <KeyOutlined />, label: <Link to="/api-keys">{t('nav.apiKeys')}</Link> },
        { key: 'staff', icon: <SolutionOutlined />, label: <Link to="/staff">{t('nav.staff')}</Link> },
        { key: 'audit-log', icon: <AuditOutlined />, label: <Link to="/audit-log">{t('nav.auditLog')}</Link> },
        { key: 'wecom', icon: <WechatOutlined />, label: <Link to="/wecom" data-testid="nav-wecom">{t('nav.wecom')}</Link> },
      ],
    });
  }

  const doLogout = async () => {
    try {
      await logout();
    } catch (err) {
      message.error(errorText(err, t));
    }
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} theme="light" width={208}
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}>
        <div style={{ padding: collapsed ? '16px 8px' : '16px 20px', display: 'flex', alignItems: 'center', gap: 10 }}>
          <div style={{
            width: 32, height: 32, borderRadius: 8, background: token.colorPrimary, color: '#fff', flex: 'none',
            display: 'flex', alignItems: 'center', justifyContent: 'center', fontWeight: 700,
          }}>{t('app.logo')}</div>
          {!collapsed && (
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong style={{ display: 'block' }}>{t('app.name')}</Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }} data-testid="workspace-name">
                {session?.workspace.name}
              </Typography.Text>
            </div>
          )}
        </div>
        <Menu mode="inline" selectedKeys={[selected]} items={items} style={{ borderInlineEnd: 'none' }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{
          background: token.colorBgContainer, padding: '0 24px', display: 'flex', alignItems: 'center',
          justifyContent: 'space-between', borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}>
          <Typography.Text strong>{session?.workspace.name}</Typography.Text>
          <Space size="middle">
            <Space size={6}>
              <UserOutlined />
              <Tooltip title={session?.user.email}>
                <Typography.Text data-testid="current-user">{session?.user.name}</Typography.Text>
              </Tooltip>
              <Tag color="green" data-testid="current-role">{te('role', session?.role)}</Tag>
            </Space>
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={doLogout} data-testid="logout">{t('nav.logout')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
