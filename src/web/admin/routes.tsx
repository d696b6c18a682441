// Back office routes. Pages load on demand (React.lazy); each is open only to the roles whose menu has it.
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { Button, Result, Spin } from 'antd';
import { useAuth, useUser } from './auth.tsx';
import { mayOpen, type MenuKey } from './menu.tsx';
import { ScopeProvider } from './scope.tsx';
import { TodoProvider } from './todo.tsx';
import { AdminLayout } from './layout/AdminLayout.tsx';

const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const AgenciesPage = lazy(() => import('./pages/AgenciesPage.tsx'));
const UsersPage = lazy(() => import('./pages/users/UsersPage.tsx'));
const TokensPage = lazy(() => import('./pages/TokensPage.tsx'));
const CalendarPage = lazy(() => import('./pages/calendar/CalendarPage.tsx'));
const PoliciesPage = lazy(() => import('./pages/policies/PoliciesPage.tsx'));
const PolicyDetailPage = lazy(() => import('./pages/policies/PolicyDetailPage.tsx'));
const RegistryPage = lazy(() => import('./pages/registry/RegistryPage.tsx'));
const RegistryChecksPage = lazy(() => import('./pages/registry/RegistryChecksPage.tsx'));
const LawChangesPage = lazy(() => import('./pages/registry/lawChanges/LawChangesPage.tsx'));
const CasesPage = lazy(() => import('./pages/cases/CasesPage.tsx'));
const CasePage = lazy(() => import('./pages/cases/CasePage.tsx'));
const DocumentPage = lazy(() => import('./pages/cases/DocumentPage.tsx'));
const AccessRequestsPage = lazy(() => import('./pages/access/AccessRequestsPage.tsx'));
const RecordsPage = lazy(() => import('./pages/records/RecordsPage.tsx'));
const LegalReviewsPage = lazy(() => import('./pages/review/LegalReviewsPage.tsx'));
const ReviewPage = lazy(() => import('./pages/review/ReviewPage.tsx'));
const DisclosuresPage = lazy(() => import('./pages/disclosure/DisclosuresPage.tsx'));
const DisclosurePage = lazy(() => import('./pages/disclosure/DisclosurePage.tsx'));

function FullPageSpin() {
  return (
    <div className="sx-fullpage-loading">
      <Spin size="large" />
    </div>
  );
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const location = useLocation();
  if (user === undefined) return <FullPageSpin />;
  if (user === null) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  return <>{children}</>;
}

function Guard({ item, children }: { item: MenuKey; children: ReactNode }) {
  const user = useUser();
  if (!mayOpen(user, item))
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle="当前角色无权使用此功能。如需开通，请联系系统管理员。"
        extra={
          <Link to="/">
            <Button type="primary">返回工作台</Button>
          </Link>
        }
      />
    );
  return <>{children}</>;
}

function NotFound() {
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已移动。"
      extra={
        <Link to="/">
          <Button type="primary">返回工作台</Button>
        </Link>
      }
    />
  );
}

export function AdminRoutes() {
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireAuth>
            <ScopeProvider>
              <TodoProvider>
                <AdminLayout />
              </TodoProvider>
            </ScopeProvider>
          </RequireAuth>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route
          path="agencies"
          element={
            <Guard item="agencies">
              <AgenciesPage />
            </Guard>
          }
        />
        <Route
          path="users"
          element={
            <Guard item="users">
              <UsersPage />
            </Guard>
          }
        />
        <Route
          path="tokens"
          element={
            <Guard item="tokens">
              <TokensPage />
            </Guard>
          }
        />
        <Route
          path="calendar"
          element={
            <Guard item="calendar">
              <CalendarPage />
            </Guard>
          }
        />
        <Route
          path="policies"
          element={
            <Guard item="policies">
              <PoliciesPage />
            </Guard>
          }
        />
        <Route
          path="policies/:id"
          element={
            <Guard item="policies">
              <PolicyDetailPage />
            </Guard>
          }
        />
        <Route
          path="registry/profile"
          element={
            <Guard item="registryProfile">
              <RegistryPage group="profile" />
            </Guard>
          }
        />
        <Route
          path="registry/officer"
          element={
            <Guard item="registryOfficers">
              <RegistryPage group="officers" />
            </Guard>
          }
        />
        <Route
          path="registry/lists/:kind?"
          element={
            <Guard item="registryLists">
              <RegistryPage key="lists" group="lists" />
            </Guard>
          }
        />
        <Route
          path="registry/texts/:kind?"
          element={
            <Guard item="registryTexts">
              <RegistryPage key="texts" group="texts" />
            </Guard>
          }
        />
        <Route
          path="registry/law-changes"
          element={
            <Guard item="registryLawChanges">
              <LawChangesPage />
            </Guard>
          }
        />
        <Route
          path="registry/reviews"
          element={
            <Guard item="registryReviews">
              <RegistryChecksPage />
            </Guard>
          }
        />
        <Route
          path="cases"
          element={
            <Guard item="cases">
              <CasesPage />
            </Guard>
          }
        />
        <Route
          path="cases/:id"
          element={
            <Guard item="cases">
              <CasePage />
            </Guard>
          }
        />
        <Route
          path="cases/:id/acts/:actId/document"
          element={
            <Guard item="cases">
              <DocumentPage />
            </Guard>
          }
        />
        <Route
          path="access-requests"
          element={
            <Guard item="accessRequests">
              <AccessRequestsPage />
            </Guard>
          }
        />
        <Route
          path="records"
          element={
            <Guard item="records">
              <RecordsPage />
            </Guard>
          }
        />
        <Route
          path="reviews"
          element={
            <Guard item="review">
              <LegalReviewsPage />
            </Guard>
          }
        />
        <Route
          path="reviews/:id"
          element={
            <Guard item="review">
              <ReviewPage />
            </Guard>
          }
        />
        <Route
          path="disclosures"
          element={
            <Guard item="disclosure">
              <DisclosuresPage />
            </Guard>
          }
        />
        <Route
          path="disclosures/:id"
          element={
            <Guard item="disclosure">
              <DisclosurePage />
            </Guard>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
