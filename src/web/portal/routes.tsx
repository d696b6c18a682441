// Portal routes: the home page loads with the entry bundle; other pages on demand.
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { Spin } from 'antd';
import { PortalLayout } from './PortalLayout.tsx';
import { HomePage } from './pages/HomePage.tsx';

const DirectoryPage = lazy(() => import('./pages/DirectoryPage.tsx'));
const AgencyPage = lazy(() => import('./pages/agency/AgencyPage.tsx'));
const OfficersPage = lazy(() => import('./pages/officers/OfficersPage.tsx'));
const OfficerPage = lazy(() => import('./pages/officers/OfficerPage.tsx'));
const CertificatePage = lazy(() => import('./pages/officers/CertificatePage.tsx'));
const ItemsPage = lazy(() => import('./pages/items/ItemsPage.tsx'));
const RecordPage = lazy(() => import('./pages/items/RecordPage.tsx'));
const DecisionsPage = lazy(() => import('./pages/decisions/DecisionsPage.tsx'));
const DecisionPage = lazy(() => import('./pages/decisions/DecisionPage.tsx'));
const CorrectionStatusPage = lazy(() => import('./pages/decisions/CorrectionStatusPage.tsx'));
const UnderConstructionPage = lazy(() => import('./pages/UnderConstructionPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

function Loading() {
  return (
    <div className="px-loading">
      <Spin />
    </div>
  );
}

export function PortalRoutes() {
  return (
    <Routes>
      <Route element={<PortalLayout />}>
        <Route index element={<HomePage />} />
        <Route
          path="agencies"
          element={
            <Suspense fallback={<Loading />}>
              <DirectoryPage />
            </Suspense>
          }
        />
        <Route
          path="agencies/:id"
          element={
            <Suspense fallback={<Loading />}>
              <AgencyPage />
            </Suspense>
          }
        />
        <Route
          path="officers"
          element={
            <Suspense fallback={<Loading />}>
              <OfficersPage />
            </Suspense>
          }
        />
        <Route
          path="officers/:id"
          element={
            <Suspense fallback={<Loading />}>
              <OfficerPage />
            </Suspense>
          }
        />
        <Route
          path="certificates/:number?"
          element={
            <Suspense fallback={<Loading />}>
              <CertificatePage />
            </Suspense>
          }
        />
        <Route
          path="items"
          element={
            <Suspense fallback={<Loading />}>
              <ItemsPage />
            </Suspense>
          }
        />
        <Route
          path="records/:id"
          element={
            <Suspense fallback={<Loading />}>
              <RecordPage />
            </Suspense>
          }
        />
        <Route
          path="decisions"
          element={
            <Suspense fallback={<Loading />}>
              <DecisionsPage />
            </Suspense>
          }
        />
        <Route
          path="decisions/:id"
          element={
            <Suspense fallback={<Loading />}>
              <DecisionPage />
            </Suspense>
          }
        />
        <Route
          path="corrections/:code"
          element={
            <Suspense fallback={<Loading />}>
              <CorrectionStatusPage />
            </Suspense>
          }
        />
        <Route
          path="supervision"
          element={
            <Suspense fallback={<Loading />}>
              <UnderConstructionPage section="supervision" />
            </Suspense>
          }
        />
        <Route
          path="*"
          element={
            <Suspense fallback={<Loading />}>
              <NotFoundPage />
            </Suspense>
          }
        />
      </Route>
    </Routes>
  );
}
