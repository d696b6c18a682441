// Back office entry (/admin): providers, router with basename /admin, routes.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from '../shared/providers.tsx';
import { AuthProvider } from './auth.tsx';
import { AdminRoutes } from './routes.tsx';
import './admin.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <BrowserRouter basename="/admin">
        <AuthProvider>
          <AdminRoutes />
        </AuthProvider>
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
