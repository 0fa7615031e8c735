/** The signed-in user, kept in one React context; the CSRF token goes to the API client. */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { authApi } from '../api/endpoints';
import type { SessionUser } from '../api/types';
import { computeAccess, type Access } from './access';
import { setProcedureTime } from '../utils/china-date';

interface SessionValue {
  user: SessionUser | null;
  /** true until the first /api/auth/me answered */
  loading: boolean;
  access: Access;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** after the user changed a temporary password: the session no longer needs the change page */
  passwordChanged: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Accepts `{ user, csrfToken }` or a flat user carrying `csrfToken`. */
function unpack(data: unknown): { user: SessionUser; csrfToken: string | null } | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (typeof d.procedureTime === 'string') setProcedureTime(d.procedureTime);
  const user = (d.user && typeof d.user === 'object' ? d.user : d) as SessionUser & { csrfToken?: string };
  if (!user.id || !user.username) return null;
  const token = typeof d.csrfToken === 'string' ? d.csrfToken : (user.csrfToken ?? null);
  return { user: { ...user, roles: user.roles ?? [] }, csrfToken: token };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);
  const navigate = useNavigate();
  // the public site (/public/*) needs no session: ask /api/auth/me only once a non-public page opens,
  // so that an anonymous visitor's pages make no 401 request
  const isPublic = useLocation().pathname.startsWith('/public');
  const asked = useRef(false);

  useEffect(() => {
    if (isPublic || asked.current) return;
    asked.current = true; // once (also under StrictMode's double effect): the answer is not cancelled
    authApi
      .me()
      .then((data) => {
        const got = unpack(data);
        if (!got) return;
        setCsrfToken(got.csrfToken);
        setUser(got.user);
      })
      .catch(() => undefined)
      .finally(() => setLoading(false));
  }, [isPublic]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser(null);
      if (!window.location.pathname.startsWith('/login')) {
        const back = window.location.pathname + window.location.search;
        navigate(`/login?redirect=${encodeURIComponent(back)}`, { replace: true });
      }
    });
  }, [navigate]);

  const login = useCallback(async (username: string, password: string) => {
    const got = unpack(await authApi.login(username, password));
    if (!got) throw new Error('登录应答格式有误');
    setCsrfToken(got.csrfToken);
    setUser(got.user);
    return got.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      setUser(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const passwordChanged = useCallback(() => setUser((u) => (u ? { ...u, mustChangePassword: false } : u)), []);

  const value = useMemo(
    () => ({ user, loading, access: computeAccess(user), login, logout, passwordChanged }),
    [user, loading, login, logout, passwordChanged],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
