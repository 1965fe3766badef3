import { useEffect, useState } from "preact/hooks";
import { getSession, STORAGE_KEYS, type Session } from "../chrome-storage.ts";

/** The signed-in session (undefined while loading, null when signed out), kept current. */
export function useSession(): Session | null | undefined {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    void getSession().then(setSession);
    const onChange = (changes: Record<string, unknown>) => {
      if (STORAGE_KEYS.session in changes) void getSession().then(setSession);
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  return session;
}
