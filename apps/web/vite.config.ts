import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SPA is built into dist/ and served by the API server (one command starts both).
// `npm run dev --workspace=@motcua/web` proxies /api and /tra-cuu to a server on :3000.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 900 },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/tra-cuu': 'http://127.0.0.1:3000' },
  },
});
