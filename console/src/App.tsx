import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { FullPageSpin, RequireAuth } from './auth.js';
import { AppLayout } from './components/AppLayout.js';

// One chunk per page: the login screen does not pay for ECharts, and admin pages load only when opened.
const LoginPage = lazy(() => import('./pages/LoginPage.js'));
const OverviewPage = lazy(() => import('./pages/OverviewPage.js'));
const CommunitiesPage = lazy(() => import('./pages/CommunitiesPage.js'));
const CommunityPage = lazy(() => import('./pages/CommunityPage.js'));
const MembersPage = lazy(() => import('./pages/MembersPage.js'));
const MemberPage = lazy(() => import('./pages/MemberPage.js'));
const HealthPage = lazy(() => import('./pages/HealthPage.js'));
const ImportsPage = lazy(() => import('./pages/ImportsPage.js'));
const TemplatesPage = lazy(() => import('./pages/TemplatesPage.js'));
const WelcomeFlowsPage = lazy(() => import('./pages/WelcomeFlowsPage.js'));
const LiveCodesPage = lazy(() => import('./pages/LiveCodesPage.js'));
const FissionPage = lazy(() => import('./pages/FissionPage.js'));
const CheckInPage = lazy(() => import('./pages/CheckInPage.js'));
const LeaderboardsPage = lazy(() => import('./pages/LeaderboardsPage.js'));
const DrawsPage = lazy(() => import('./pages/DrawsPage.js'));
const SopPlansPage = lazy(() => import('./pages/SopPlansPage.js'));
const TriggersPage = lazy(() => import('./pages/TriggersPage.js'));
const TodayPage = lazy(() => import('./pages/TodayPage.js'));
const OutboxPage = lazy(() => import('./pages/OutboxPage.js'));
const GuardrailsPage = lazy(() => import('./pages/GuardrailsPage.js'));
const ModerationPage = lazy(() => import('./pages/ModerationPage.js'));
const PointsPage = lazy(() => import('./pages/PointsPage.js'));
const DistributionPage = lazy(() => import('./pages/DistributionPage.js'));
const CouponsPage = lazy(() => import('./pages/CouponsPage.js'));
const FlashSalePage = lazy(() => import('./pages/FlashSalePage.js'));
const GroupBuyPage = lazy(() => import('./pages/GroupBuyPage.js'));
const GroupLeadersPage = lazy(() => import('./pages/GroupLeadersPage.js'));
const ProductsPage = lazy(() => import('./pages/ProductsPage.js'));
const OrdersPage = lazy(() => import('./pages/OrdersPage.js'));
const SalesPage = lazy(() => import('./pages/SalesPage.js'));
const ApiKeysPage = lazy(() => import('./pages/ApiKeysPage.js'));
const StaffPage = lazy(() => import('./pages/StaffPage.js'));
const AuditLogPage = lazy(() => import('./pages/AuditLogPage.js'));
const WecomPage = lazy(() => import('./pages/WecomPage.js'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.js'));

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
          <Route index element={<OverviewPage />} />
          <Route path="communities" element={<CommunitiesPage />} />
          <Route path="communities/:id" element={<CommunityPage />} />
          <Route path="members" element={<MembersPage />} />
          <Route path="members/:id" element={<MemberPage />} />
          <Route path="health" element={<HealthPage />} />
          <Route path="imports" element={<ImportsPage />} />
          <Route path="outbox" element={<OutboxPage />} />
          <Route path="templates" element={<TemplatesPage />} />
          <Route path="welcome" element={<WelcomeFlowsPage />} />
          <Route path="live-codes" element={<LiveCodesPage />} />
          <Route path="fission" element={<FissionPage />} />
          <Route path="check-in" element={<CheckInPage />} />
          <Route path="leaderboards" element={<LeaderboardsPage />} />
          <Route path="draws" element={<DrawsPage />} />
          <Route path="sop" element={<SopPlansPage />} />
          <Route path="triggers" element={<TriggersPage />} />
          <Route path="today" element={<TodayPage />} />
          <Route path="guardrails" element={<GuardrailsPage />} />
          <Route path="moderation" element={<ModerationPage />} />
          <Route path="points" element={<PointsPage />} />
          <Route path="distribution" element={<DistributionPage />} />
          <Route path="coupons" element={<CouponsPage />} />
          <Route path="flash-sales" element={<FlashSalePage />} />
          <Route path="group-buy" element={<GroupBuyPage />} />
          <Route path="group-leaders" element={<GroupLeadersPage />} />
          <Route path="products" element={<ProductsPage />} />
          <Route path="orders" element={<OrdersPage />} />
          <Route path="sales" element={<SalesPage />} />
          <Route path="api-keys" element={<ApiKeysPage />} />
          <Route path="staff" element={<StaffPage />} />
          <Route path="audit-log" element={<AuditLogPage />} />
          <Route path="wecom" element={<WecomPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
