import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import { api, ApiError, type ResponseOf } from '../api/client.ts';

export type Me = ResponseOf<'/api/me', 'get'>;
export type OfficerMe = Extract<Me, { type: 'officer' }>;
export type CitizenMe = Extract<Me, { type: 'citizen' }>;

interface AuthState {
  me: Me | null;
  isLoading: boolean;
  loginOfficer: (username: string, password: string) => Promise<Me>;
  loginCitizen: (identifier: string, password: string) => Promise<Me>;
  register: (input: Record<string, unknown>) => Promise<Me>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<Me>('/api/me');
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
  const signedIn = useCallback(
    (me: Me) => {
      // Drop what the previous user saw, but keep the observed 'me' query (its observers stay).
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      queryClient.setQueryData(['me'], me);
      return me;
    },
    [queryClient],
  );
  const value = useMemo<AuthState>(
    () => ({
      me: meQuery.data ?? null,
      isLoading: meQuery.isLoading,
      loginOfficer: async (username, password) =>
        signedIn((await api<{ me: Me }>('/api/auth/login', { body: { username, password } })).me),
      loginCitizen: async (identifier, password) =>
        signedIn((await api<{ me: Me }>('/api/auth/citizen/login', { body: { identifier, password } })).me),
      register: async (input) =>
        signedIn((await api<{ me: Me }>('/api/auth/citizen/register', { body: input })).me),
      logout: async () => {
        try {
          await api('/api/auth/logout', { method: 'POST' });
        } finally {
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
          queryClient.setQueryData(['me'], null);
        }
      },
    }),
    [meQuery.data, meQuery.isLoading, queryClient, signedIn],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The roles the officer holds now, with their units. */
export function officerRoles(me: Me | null): OfficerMe['roles'] {
  return me?.type === 'officer' ? me.roles : [];
}

export function hasRole(me: Me | null, ...roles: string[]): boolean {
  return officerRoles(me).some((r) => roles.includes(r.role));
}
