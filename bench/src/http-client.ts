// Talks to the running app over real HTTP, as a browser or integration would, with one kept-alive
// connection (Node's fetch pools connections and keeps them open between requests).

export type SignedInClient = {
  /** GET a path with the session cookie; the body is read in full, as a caller must. */
  get(path: string): Promise<{ status: number; body: unknown }>;
};

export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<SignedInClient> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`Sign-in as ${email} failed: ${res.status} ${text}`);
  const sessionCookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('hw_session='));
  if (!sessionCookie) throw new Error('Sign-in set no hw_session cookie');
  return {
    get: async (path) => {
      const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: sessionCookie, accept: 'application/json' } });
      return { status: response.status, body: await response.json() };
    },
  };
}
