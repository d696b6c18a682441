// Who is logged in to the back office: the session user and its CSRF token (GET /auth/me at start, login, logout).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, setCsrfToken, setUnauthenticatedHandler } from '../shared/api.ts';
import type { LoginReply, MeReply, SessionUser } from '../shared/types.ts';

interface AuthValue {
  /** undefined while the session is being checked. */
  user: SessionUser | null | undefined;
  /** Why the user was sent back to the login page (session expired), if so. */
  notice: string | null;
  login(username: string, password: string): Promise<SessionUser>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const me = await api.get<MeReply>('/api/v1/auth/me');
      setCsrfToken(me.csrfToken);
      setUser(me.user);
    } catch {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- refresh sets state only after its await (facebook/react#34905)
    void refresh();
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser((u) => {
        if (u) setNotice('登录已过期或已在其他地方退出，请重新登录');
        return null;
      });
    });
    return () => setUnauthenticatedHandler(null);
  }, [refresh]);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api.post<LoginReply>('/api/v1/auth/login', { username, password });
    setCsrfToken(r.csrfToken);
    setNotice(null);
    setUser(r.user);
    return r.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, notice, login, logout, refresh }), [user, notice, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The logged-in user (inside the authenticated layout). */
export function useUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a logged-in user');
  return user;
}
