import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import { I18nProvider, useI18n } from './i18n/index.js';
import { AuthProvider } from './auth.js';
import { AppRoutes } from './App.js';
import './styles.css';

function Root() {
  const { antdLocale } = useI18n();
  return (
    // WeChat green: most of the groups this console runs live in WeCom/WeChat.
    <ConfigProvider locale={antdLocale} theme={{ token: { colorPrimary: '#07c160', borderRadius: 6 } }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Root />
    </I18nProvider>
  </StrictMode>,
);
