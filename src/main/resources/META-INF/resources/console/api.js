// The admin key lives in this tab only (sessionStorage): never in a URL, a cookie or a log.
const KEY = 'reminder-store.admin-key';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

/** An API error carrying the problem's detail (application/problem+json), shown to the operator as is. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** A call with the admin key; the JSON answer, or an ApiError with the server's message. */
export async function call(path, { method = 'GET', body, contentType = 'application/json' } = {}) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${session.key()}` };
  if (body !== undefined) headers['Content-Type'] = contentType;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit', cache: 'no-store' });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  // Health answers 503 with its checks when a check is down: that is data, not an error.
  if (!response.ok && !(path.startsWith('/q/health') && json && json.checks)) {
    throw new ApiError(response.status, `${response.status}: ${(json && (json.detail || json.title)) || response.statusText}`);
  }
  return json;
}
