// Starts a fake Discord and the packaged service, makes one reminder sent and one event paused by a 404, then
// walks the console in chromium: wrong key, right key, back up now, resume, sign out; a screenshot per step.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFileSync, openSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({ options: { port: { type: 'string' }, work: { type: 'string' } } });
const port = Number(values.port);
const work = values.work;
const base = `http://127.0.0.1:${port}`;
const ADMIN_KEY = 'console-test-admin-key-0123456789';
const BOT_KEY = 'console-test-bot-key-0123456789';
const GONE_CHANNEL = '222000000000000002';

function check(condition, what) {
  if (!condition) throw new Error(`console test failed: ${what}`);
  console.log(`ok - ${what}`);
}

async function until(what, probe, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { if (await probe()) return; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function api(path, { method = 'GET', body, key = BOT_KEY } = {}) {
  const response = await fetch(base + path, { method, body: body && JSON.stringify(body),
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

// Discord: channel GONE_CHANNEL is unknown (404, the event gets paused), every other channel takes the message.
const discord = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const gone = request.url.includes(`/channels/${GONE_CHANNEL}/`);
    response.writeHead(gone ? 404 : 200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(gone ? { message: 'Unknown Channel', code: 10003 } : { id: String(Date.now()) }));
  });
}).listen(port + 1, '127.0.0.1');

const log = openSync(`${work}/service.log`, 'w');
const service = spawn('java', ['-jar', 'target/quarkus-app/quarkus-run.jar'], { stdio: ['ignore', log, log], env: {
  ...process.env, PORT: String(port), DATABASE_PATH: `${work}/store.db`, BACKUP_DIR: `${work}/backups`,
  API_KEY: BOT_KEY, ADMIN_API_KEY: ADMIN_KEY, REMINDER_DELIVERY: 'discord', DISCORD_TOKEN: 'console-test-token',
  DISCORD_API_BASE_URL: `http://127.0.0.1:${port + 1}`, AUTO_MIGRATE: 'false', REMINDER_POLL_INTERVAL: '1s' } });

let browser;
try {
  await until('the service', async () => (await fetch(`${base}/q/health/ready`)).ok, 60000);
  const guild = '111000000000000001';
  await api(`/api/v1/guilds/${guild}/users`, { method: 'PUT', body: [{ userId: '333000000000000001', username: 'ann' }] });
  const due = new Date(Date.now() - 2 * 3600 * 1000).toISOString();
  for (const [messageId, channelId, title] of [['444000000000000001', '222000000000000001', 'Training Tuesday'],
    ['444000000000000002', GONE_CHANNEL, 'Raid night']]) {
    await api('/api/v1/events', { method: 'POST', body: { messageId, channelId, guildId: guild, title, lastReminder: due } });
  }
  await until('the 404 to pause Raid night', async () =>
    (await api('/api/v1/admin/paused-events', { key: ADMIN_KEY })).some((p) => p.event.title === 'Raid night'));

  // A new profile each run (the run script empties the work folder): launchPersistentContext's user data dir.
  browser = await chromium.launchPersistentContext(`${work}/chromium-profile`, { executablePath: '/usr/bin/chromium',
    headless: true, viewport: { width: 1280, height: 900 }, args: ['--headless', '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage();
  const policyViolations = [];
  page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text()); });
  const shot = (name) => page.screenshot({ path: `${work}/${name}.png`, fullPage: true });
  await page.goto(`${base}/console`);

  await page.getByLabel('Admin key').fill('not-the-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: '401: the key is not valid' }).waitFor();
  check(await page.locator('#data').isHidden(), 'a wrong key shows the 401 message and no data');
  await shot('1-wrong-key');

  await page.getByLabel('Admin key').fill(ADMIN_KEY);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.card.up h3', { hasText: 'ready: up' }).waitFor();
  await page.locator('#store dt', { hasText: 'File size' }).waitFor();
  check(/KiB|MiB/.test(await page.locator('#store dt:text-is("File size") + dd').textContent()), 'the right key shows health and store figures');
  check(await page.getByRole('img', { name: 'Reminders per hour' }).isVisible(), 'the chart "Reminders per hour" is drawn');
  check(!page.url().includes(ADMIN_KEY), 'the key is not in the URL');
  check((await browser.cookies()).length === 0, 'no cookie is set');
  await shot('2-signed-in');
  copyFileSync(`${work}/2-signed-in.png`, 'docs/console.png');

  const backups = page.getByRole('table', { name: 'Backups' });
  const before = await backups.locator('tbody tr').filter({ hasText: 'reminder-store-' }).count();
  await page.getByRole('button', { name: 'Back up now' }).click();
  await until('a new backup row', async () =>
    (await backups.locator('tbody tr').filter({ hasText: 'reminder-store-' }).count()) === before + 1);
  check(true, `back up now adds a row (${before} -> ${before + 1})`);
  await shot('3-backed-up');

  const paused = page.getByRole('table', { name: 'Paused by delivery errors' });
  const row = paused.getByRole('row').filter({ hasText: 'Raid night' });
  check((await row.textContent()).includes('Unknown Channel'), 'the paused event shows the 404 reason');
  await row.getByRole('button', { name: 'Resume' }).click();
  await row.waitFor({ state: 'detached' });
  check(true, 'resume takes the event out of the paused list');
  await shot('4-resumed');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.locator('#data').waitFor({ state: 'hidden' });
  check(await page.locator('#store dt').count() === 0 && await page.evaluate(() => sessionStorage.length) === 0,
    'sign out forgets the key and the data');
  await shot('5-signed-out');
  check(policyViolations.length === 0, `no Content-Security-Policy violations ${policyViolations.join('; ')}`);
} finally {
  if (browser) await browser.close();
  service.kill('SIGTERM');
  discord.close();
}
