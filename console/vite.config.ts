import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The root package.json runs `vite build --config console/vite.config.ts` from the repo root, so every path
// is anchored to this file rather than to the working directory.
const here = fileURLToPath(new URL('.', import.meta.url));

const vendorGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/ },
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
  { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|dayjs|classnames|@emotion|stylis|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|copy-to-clipboard|toggle-selection|clsx)[\\/]/ },
];

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    // AntD and ECharts are large by nature; they live in their own cached chunks, pages are split per route.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two pages: the operators' console, and the members' pages (/m: plain React, no AntD or ECharts).
      input: { index: `${here}index.html`, member: `${here}member.html` },
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
  server: {
    // `npm run dev` serves the API on 3000; SHEQUN_API_URL points the dev console at another server.
    // The trailing slash matters: the console's own /api-keys page must not be proxied.
    proxy: { '/api/': { target: process.env.SHEQUN_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
