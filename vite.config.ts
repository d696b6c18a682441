// Vite build of the two web apps: the public portal (index.html → dist/web/index.html, served at / and every
// non-/admin path) and the back office (admin/index.html → dist/web/admin/index.html, served at /admin/*).
// Both are single-page apps with client-side routes; pages are split with React.lazy, and the libraries go to
// shared vendor chunks so the two apps reuse them from the browser cache.
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

/** Dev server only: /admin and /admin/<client route> get the back office page (the server does the same in production). */
function adminHistoryFallback(): Plugin {
  return {
    name: 'sanxiang-admin-history-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? '';
        const pathname = url.split('?')[0]!;
        const wantsHtml = (req.headers.accept ?? '').includes('text/html');
        if (wantsHtml && (pathname === '/admin' || (pathname.startsWith('/admin/') && !path.extname(pathname)))) {
          req.url = '/admin/index.html';
        }
        next();
      });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), adminHistoryFallback()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // The size that matters is the gzipped first load (see the build report); antd's vendor chunk is large raw.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: {
        portal: path.resolve(root, 'index.html'),
        admin: path.resolve(root, 'admin/index.html'),
      },
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react-vendor',
              test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
              priority: 3,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
