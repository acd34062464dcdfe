import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Spin } from 'antd';
import { api, roleAtLeast, setUnauthorizedHandler, type Role, type Session } from './api.js';
import { setDisplayTimeZone } from './format.js';

interface Auth {
  /** undefined while the first /auth/me is in flight, null when logged out. */
  session: Session | null | undefined;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Re-reads the session, e.g. after the user's own role changed. */
  refresh: () => Promise<void>;
  can: (min: Role) => boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSessionState] = useState<Session | null | undefined>(undefined);

  const setSession = useCallback((s: Session | null) => {
    setDisplayTimeZone(s?.workspace.timeZone ?? null);
    setSessionState(s);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setSession(null));
    let live = true;
    api.me().then((s) => live && setSession(s), () => live && setSession(null));
    return () => {
      live = false;
      setUnauthorizedHandler(null);
    };
  }, [setSession]);

  const value = useMemo<Auth>(() => ({
    session,
    login: async (email, password) => setSession(await api.login(email, password)),
    logout: async () => {
      try {
        await api.logout();
      } finally {
        setSession(null);
      }
    },
    refresh: async () => setSession(await api.me()),
    can: (min) => roleAtLeast(session?.role, min),
  }), [session, setSession]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Keeps where the user was going, so logging in returns them there. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (session === undefined) return <FullPageSpin />;
  if (session === null) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
