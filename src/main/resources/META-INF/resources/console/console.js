// The operator console: signs in with the admin key, then shows health (every few seconds), the store, the
// reminders and the backups from the service's own admin endpoints.
import { call, session } from './api.js';
import { drawActivity } from './chart.js';

const HEALTH_REFRESH_MS = 5000;
const $ = (id) => document.getElementById(id);
let healthTimer = null;

const time = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '—');
const bytes = (n) => (n == null ? '—' : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1048576).toFixed(1)} MiB`);

function message(text, isError = true) {
  $('message').textContent = text;
  $('message').className = isError ? 'error' : 'info';
}

function fill(tableId, rows, cells) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren();
  for (const item of rows) {
    const row = body.insertRow();
    for (const cell of cells(item)) {
      const td = row.insertCell();
      if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell;
    }
  }
  if (rows.length === 0) body.insertRow().insertCell().textContent = 'none';
}

async function showHealth() {
  const cards = await Promise.all(['live', 'ready', 'started'].map(async (probe) => [probe, await call(`/q/health/${probe}`)]));
  $('health').replaceChildren(...cards.map(([probe, answer]) => {
    const card = document.createElement('article');
    card.className = `card ${answer.status === 'UP' ? 'up' : 'down'}`;
    card.appendChild(Object.assign(document.createElement('h3'), { textContent: `${probe}: ${answer.status === 'UP' ? 'up' : 'DOWN'}` }));
    for (const check of answer.checks) {
      const line = document.createElement('p');
      const data = Object.entries(check.data || {}).map(([k, v]) => `${k} ${v}`).join(', ');
      line.textContent = `${check.name}: ${check.status === 'UP' ? 'up' : 'DOWN'}${data ? ` (${data})` : ''}`;
      card.appendChild(line);
    }
    return card;
  }));
}

async function showStore() {
  const info = await call('/api/v1/admin/database');
  const figures = [['Database', info.databaseKind], ['Version', info.sqliteVersion || info.serverVersion], ['Path', info.path],
    ['File size', bytes(info.databaseBytes)], ['WAL size', bytes(info.walBytes)], ['Pages', info.pageCount ?? '—'],
    ['Free pages', info.freelistCount ?? '—'], ['Journal', info.journalMode ?? '—'], ['Schema version', info.schemaVersion]];
  $('store').replaceChildren(...figures.flatMap(([name, value]) => [
    Object.assign(document.createElement('dt'), { textContent: name }),
    Object.assign(document.createElement('dd'), { textContent: value ?? '—' })]));
  fill('store-tables', Object.entries(info.rowCounts), ([table, rows]) => [table, rows]);
}

async function showReminders() {
  const [hourly, daily, upcoming, failures, paused] = await Promise.all([
    call('/api/v1/admin/reminder-activity?bucket=PT1H&since=P1D'),
    call('/api/v1/admin/reminder-activity?bucket=P1D&since=P30D'),
    call('/api/v1/admin/upcoming-reminders'),
    call('/api/v1/admin/reminder-failures'),
    call('/api/v1/admin/paused-events')]);
  drawActivity($('hourly'), 'Reminders per hour', hourly.buckets, (start) => start.slice(11, 16));
  drawActivity($('daily'), 'Reminders per day', daily.buckets, (start) => start.slice(5, 10));
  fill('upcoming', upcoming, (event) => [event.messageId, event.title, time(event.nextReminderAt)]);
  fill('failures', failures, (log) => [log.messageId, time(log.scheduledAt), log.errorMessage || '—']);
  fill('paused', paused, (item) => [item.event.messageId, item.event.title, item.reason || '—', resumeButton(item.event)]);
}

function resumeButton(event) {
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Resume' });
  button.addEventListener('click', () => act(async () => {
    await call(`/api/v1/events/${event.messageId}`, { method: 'PATCH', body: { isPaused: false }, contentType: 'application/merge-patch+json' });
    await showReminders();
    return `Resumed ${event.title} (${event.messageId}).`;
  }));
  return button;
}

async function showBackups() {
  const backups = await call('/api/v1/admin/backups');
  // A backup gets its name only after its quick_check answered ok (BackupService), so every listed file passed it.
  fill('backups', backups, (backup) => [time(backup.createdAt), backup.name, bytes(backup.sizeBytes), 'quick_check ok']);
}

async function act(work) {
  try {
    message(await work(), false);
  } catch (error) {
    message(error.message);
  }
}

async function refreshHealth() {
  try {
    await showHealth();
  } catch (error) {
    message(`Health: ${error.message}`);
  }
}

async function showAll() {
  try {
    await showStore(); // first: a wrong key fails here with the 401's message
    $('data').hidden = false;
    $('sign-in').hidden = true;
    $('sign-out').hidden = false;
    message('', false);
    await Promise.all([refreshHealth(), showReminders(), showBackups()]);
    healthTimer = setInterval(refreshHealth, HEALTH_REFRESH_MS);
  } catch (error) {
    if (error.status === 401 || error.status === 403) signOut();
    message(error.message);
  }
}

function signOut() {
  session.signOut();
  clearInterval(healthTimer);
  $('data').hidden = true;
  for (const id of ['health', 'store', 'hourly', 'daily', 'report']) $(id).replaceChildren();
  for (const table of document.querySelectorAll('main table')) table.tBodies[0]?.replaceChildren();
  $('sign-in').hidden = false;
  $('sign-out').hidden = true;
  message('Signed out.', false);
}

$('sign-in').addEventListener('submit', (submit) => {
  submit.preventDefault();
  session.signIn($('admin-key').value);
  $('admin-key').value = '';
  showAll();
});
$('sign-out').addEventListener('click', signOut);
$('backup-now').addEventListener('click', () => act(async () => {
  const report = await call('/api/v1/admin/backup', { method: 'POST' });
  await showBackups();
  return `Backup ${report.backup.name}: ${bytes(report.backup.sizeBytes)}, quick_check ${report.quickCheck}, ${report.durationMs} ms.`;
}));
for (const [id, path] of [['integrity', '/api/v1/admin/integrity-check'], ['optimize', '/api/v1/admin/optimize']]) {
  $(id).addEventListener('click', () => act(async () => {
    $('report').textContent = JSON.stringify(await call(path, { method: 'POST' }), null, 2);
    await showStore();
    return `${$(id).textContent}: done.`;
  }));
}
if (session.key()) showAll();
