// Public portal entry (/): 行政执法信息公示平台. No login; reads public endpoints only.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppProviders } from '../shared/providers.tsx';
import { PortalRoutes } from './routes.tsx';
import './portal.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders>
      <BrowserRouter>
        <PortalRoutes />
      </BrowserRouter>
    </AppProviders>
  </StrictMode>,
);
