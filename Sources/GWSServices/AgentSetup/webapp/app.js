// Agent Setup: sign in to GWS, list and create users through the Provisioning API.
//
// Every call goes to the page's own origin (the GWS proxy):
//   POST /auth/v3/oauth/token                (password grant, public client "agent-setup")
//   GET  /provisioning/v3/objects/users      (?limit&offset&filterName, Bearer token)
//   POST /provisioning/v3/objects/users      ({"data": {...}}, Bearer token)
//
// The access token lives only in this module's memory: it is never written to
// localStorage, sessionStorage or a cookie, so a reload or a closed tab signs out.
// Text from the server is always inserted with textContent, never as HTML.

const CLIENT_ID = 'agent-setup';
const TOKEN_URL = '/auth/v3/oauth/token';
const USERS_URL = '/provisioning/v3/objects/users';

/** The signed-in session, or null. */
let session = null;
/** The user list's view. */
const list = { limit: 25, offset: 0, filter: '', total: 0 };
/** Incremented for each user-list request, so only the latest one is shown. */
let listGeneration = 0;

const $ = (id) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing element #${id}`);
  return element;
};

const ui = {
  session: $('session'),
  sessionUser: $('session-user'),
  signOut: $('sign-out'),
  signInView: $('sign-in-view'),
  signInTitle: $('sign-in-title'),
  signInForm: $('sign-in-form'),
  signInTenant: $('sign-in-tenant'),
  signInUsername: $('sign-in-username'),
  signInPassword: $('sign-in-password'),
  signInError: $('sign-in-error'),
  signInSubmit: $('sign-in-submit'),
  usersView: $('users-view'),
  usersTitle: $('users-title'),
  filterForm: $('filter-form'),
  filterName: $('filter-name'),
  filterClear: $('filter-clear'),
  usersRefresh: $('users-refresh'),
  usersError: $('users-error'),
  usersTable: $('users-table'),
  usersBody: $('users-body'),
  usersSummary: $('users-summary'),
  pagePrev: $('page-prev'),
  pageNext: $('page-next'),
  pageSize: $('page-size'),
  createView: $('create-view'),
  createForm: $('create-form'),
  createError: $('create-error'),
  createStatus: $('create-status'),
  createSubmit: $('create-submit'),
};

/** An API failure: the HTTP status and a message to show. */
class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** Reads a response body as JSON; null when it is empty or not JSON. */
async function readJSON(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** A message for a failed network call (the server could not be reached). */
function networkMessage() {
  return 'The server cannot be reached. Check your connection and try again.';
}

// ---- Sign-in ----------------------------------------------------------------

/** Asks for a token with the password grant; resolves to the OAuth answer. */
async function requestToken(tenant, userName, password) {
  const form = new URLSearchParams();
  form.set('grant_type', 'password');
  form.set('username', `${tenant}\\${userName}`);
  form.set('password', password);
  form.set('client_id', CLIENT_ID);
  let response;
  try {
    response = await fetch(TOKEN_URL, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: form.toString(),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, networkMessage());
  }
  const body = await readJSON(response);
  if (!response.ok || !body || typeof body.access_token !== 'string') {
    throw new ApiError(response.status, signInMessage(response.status, body));
  }
  return body;
}

/** The message for a refused sign-in: the server's description, else a plain one. */
function signInMessage(status, body) {
  const description = body && typeof body.error_description === 'string' ? body.error_description : '';
  const code = body && typeof body.error === 'string' ? body.error : '';
  if (code === 'invalid_grant') {
    return `Sign-in failed: the tenant, user name or password is wrong.${description ? ` (${description})` : ''}`;
  }
  if (description) return `Sign-in failed: ${description}`;
  if (code) return `Sign-in failed: ${code}`;
  if (status >= 500) return `Sign-in failed: the server answered ${status}. Try again later.`;
  return `Sign-in failed (HTTP ${status}).`;
}

async function onSignIn(event) {
  event.preventDefault();
  if (!ui.signInForm.reportValidity()) return;
  const tenant = ui.signInTenant.value.trim();
  const userName = ui.signInUsername.value.trim();
  const password = ui.signInPassword.value;
  setText(ui.signInError, '');
  setBusy(ui.signInForm, ui.signInSubmit, true, 'Signing in…');
  try {
    const token = await requestToken(tenant, userName, password);
    session = { token: token.access_token, tenant, userName };
    ui.signInPassword.value = '';
    showSignedIn();
    await loadUsers();
  } catch (error) {
    setText(ui.signInError, error instanceof ApiError ? error.message : String(error));
    ui.signInPassword.focus();
    ui.signInPassword.select();
  } finally {
    setBusy(ui.signInForm, ui.signInSubmit, false, 'Sign in');
  }
}

function signOut(message = '') {
  session = null;
  listGeneration += 1;
  list.offset = 0;
  list.total = 0;
  list.filter = '';
  ui.filterName.value = '';
  ui.usersBody.replaceChildren();
  setText(ui.usersSummary, '');
  setText(ui.usersError, '');
  setText(ui.createError, '');
  setText(ui.createStatus, '');
  ui.createForm.reset();
  ui.signInPassword.value = '';
  ui.session.hidden = true;
  ui.usersView.hidden = true;
  ui.createView.hidden = true;
  ui.signInView.hidden = false;
  setText(ui.signInError, message);
  (ui.signInTenant.value ? ui.signInUsername : ui.signInTenant).focus();
}

function showSignedIn() {
  setText(ui.sessionUser, `${session.userName} (${session.tenant})`);
  ui.session.hidden = false;
  ui.signInView.hidden = true;
  ui.usersView.hidden = false;
  ui.createView.hidden = false;
  setText(ui.signInError, '');
  ui.usersTitle.focus();
}

// ---- Provisioning API -------------------------------------------------------

/**
 * Calls the Provisioning API with the session's token; resolves to the
 * envelope's `data`. A 401 ends the session; other failures reject with an
 * ApiError carrying the envelope's `status.message`.
 */
async function api(method, path, data) {
  if (!session) throw new ApiError(401, 'You are signed out.');
  const current = session;
  const headers = { Authorization: `Bearer ${current.token}`, Accept: 'application/json' };
  const init = { method, headers, credentials: 'omit', cache: 'no-store' };
  if (data !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify({ data });
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, networkMessage());
  }
  const body = await readJSON(response);
  const code = body && body.status && typeof body.status.code === 'number' ? body.status.code : null;
  if (response.ok && (code === 0 || code === 1 || code === 2)) {
    return body.data ?? {};
  }
  const message = body && body.status && typeof body.status.message === 'string' ? body.status.message : '';
  if (response.status === 401) {
    if (session === current) signOut('Your session has ended. Sign in again.');
    throw new ApiError(401, message || 'Not signed in.');
  }
  if (response.status === 403) {
    throw new ApiError(403, `Not allowed: ${message || 'this account cannot manage users.'}`);
  }
  throw new ApiError(response.status, message || `The server answered HTTP ${response.status}.`);
}

// ---- User list --------------------------------------------------------------

async function loadUsers() {
  if (!session) return;
  const generation = ++listGeneration;
  const query = new URLSearchParams({ limit: String(list.limit), offset: String(list.offset) });
  if (list.filter) query.set('filterName', list.filter);
  ui.usersTable.setAttribute('aria-busy', 'true');
  setText(ui.usersError, '');
  try {
    const data = await api('GET', `${USERS_URL}?${query}`);
    if (generation !== listGeneration) return;
    const users = Array.isArray(data.users) ? data.users : [];
    list.total = Number.isInteger(data.totalCount) ? data.totalCount : users.length;
    if (users.length === 0 && list.offset > 0 && list.total > 0) {
      // The page emptied (users deleted elsewhere): show the last one.
      list.offset = Math.max(0, Math.floor((list.total - 1) / list.limit) * list.limit);
      await loadUsers();
      return;
    }
    renderUsers(users);
  } catch (error) {
    if (generation !== listGeneration) return;
    if (error instanceof ApiError && error.status === 401) return;
    ui.usersBody.replaceChildren();
    list.total = 0;
    setText(ui.usersSummary, '');
    setText(ui.usersError, error instanceof ApiError ? error.message : String(error));
    updatePager(0);
  } finally {
    if (generation === listGeneration) ui.usersTable.setAttribute('aria-busy', 'false');
  }
}

function renderUsers(users) {
  const rows = users.map((user) => {
    const row = document.createElement('tr');
    row.dataset.userName = String(user.userName ?? '');
    const cells = [user.userName, user.firstName, user.lastName, user.employeeID ?? user.employeeId];
    for (const value of cells) {
      const cell = document.createElement('td');
      cell.textContent = value === undefined || value === null ? '' : String(value);
      row.append(cell);
    }
    return row;
  });
  if (rows.length === 0) {
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.colSpan = 4;
    cell.className = 'empty';
    cell.textContent = list.filter ? `No users match “${list.filter}”.` : 'No users yet.';
    row.append(cell);
    rows.push(row);
  }
  ui.usersBody.replaceChildren(...rows);
  const first = users.length ? list.offset + 1 : 0;
  const last = list.offset + users.length;
  const matching = list.filter ? ` matching “${list.filter}”` : '';
  setText(
    ui.usersSummary,
    users.length ? `Users ${first}–${last} of ${list.total}${matching}` : `0 users${matching}`,
  );
  updatePager(users.length);
}

function updatePager(shown) {
  ui.pagePrev.disabled = list.offset === 0;
  ui.pageNext.disabled = shown === 0 || list.offset + shown >= list.total;
}

function onFilter(event) {
  event.preventDefault();
  list.filter = ui.filterName.value.trim();
  list.offset = 0;
  loadUsers();
}

function onFilterClear() {
  ui.filterName.value = '';
  list.filter = '';
  list.offset = 0;
  loadUsers();
}

function onPage(direction) {
  list.offset = Math.max(0, list.offset + direction * list.limit);
  loadUsers();
}

function onPageSize() {
  list.limit = Number.parseInt(ui.pageSize.value, 10) || 25;
  list.offset = 0;
  loadUsers();
}

// ---- Create a user ----------------------------------------------------------

async function onCreate(event) {
  event.preventDefault();
  setText(ui.createError, '');
  setText(ui.createStatus, '');
  if (!ui.createForm.reportValidity()) return;
  const value = (name) => ui.createForm.elements.namedItem(name).value;
  const user = {
    userName: value('userName').trim(),
    firstName: value('firstName').trim(),
    lastName: value('lastName').trim(),
    password: value('password'),
    employeeID: value('employeeId').trim(),
  };
  setBusy(ui.createForm, ui.createSubmit, true, 'Creating…');
  try {
    const data = await api('POST', USERS_URL, user);
    ui.createForm.reset();
    const dbid = data && data.dbid !== undefined ? ` (DBID ${data.dbid})` : '';
    setText(ui.createStatus, `User ${user.userName} created${dbid}.`);
    await loadUsers();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    setText(ui.createError, `The user was not created: ${error instanceof ApiError ? error.message : String(error)}`);
  } finally {
    setBusy(ui.createForm, ui.createSubmit, false, 'Create user');
  }
}

// ---- Helpers ----------------------------------------------------------------

function setText(element, text) {
  element.textContent = text;
}

function setBusy(form, button, busy, label) {
  form.setAttribute('aria-busy', busy ? 'true' : 'false');
  button.disabled = busy;
  button.textContent = label;
}

ui.signInForm.addEventListener('submit', onSignIn);
ui.signOut.addEventListener('click', () => signOut());
ui.filterForm.addEventListener('submit', onFilter);
ui.filterClear.addEventListener('click', onFilterClear);
ui.usersRefresh.addEventListener('click', () => loadUsers());
ui.pagePrev.addEventListener('click', () => onPage(-1));
ui.pageNext.addEventListener('click', () => onPage(1));
ui.pageSize.addEventListener('change', onPageSize);
ui.createForm.addEventListener('submit', onCreate);
document.documentElement.dataset.ready = 'true';
