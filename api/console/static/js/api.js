// The console's only back end: zhifa's own GraphQL endpoint, called with the signed-in officer's bearer token.
const TOKEN_KEY = "zhifa.token";

export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  set token(value) {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

// POST /graphql; resolves to {data, errors} (errors: the API's, or the HTTP failure as one error).
export async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${session.token || ""}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    return { data: null, errors: [{ message: `无法连接服务器：${error.message}` }] };
  }
  let body;
  try {
    body = await response.json();
  } catch {
    return { data: null, errors: [{ message: `服务器返回 HTTP ${response.status}` }] };
  }
  if (response.status === 401) body.unauthenticated = true;
  return { data: body.data ?? null, errors: body.errors ?? null, unauthenticated: body.unauthenticated };
}

export async function getJson(path, options = {}) {
  const response = await fetch(path, options);
  const body = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body };
}

let catalogPromise = null;
// The step catalog (every step mutation, its input type and the enums), served by the API from its schema.
export function stepCatalog() {
  catalogPromise ??= getJson("/console/steps.json").then((r) => r.body);
  return catalogPromise;
}
