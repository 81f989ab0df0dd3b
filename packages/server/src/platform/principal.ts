import type { HomewardRole } from '@homeward/clinical';

/** Who is making a request, however they signed in (password today, NHS CIS2 later). */
export type Principal = {
  staffId: string;
  name: string;
  role: HomewardRole;
  teamId: string | null;
  sessionId: string;
  csrfToken: string;
  signInMethod: string;
  /** Notifications not yet read (the account bar's count), read with the session. */
  unreadNotifications: number;
};
