// A bot's day through the client generated from /q/openapi (clients/run generates ../generated and starts the service).
// Every call goes through the typed client: no hand-written URL, body or error shape.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import {
  Configuration,
  EventsApi,
  GuildsApi,
  ReactionsApi,
  ReminderLogsApi,
  RemindersApi,
  ResponseError,
  UsersApi,
  type MemberRequest,
  type Problem,
  ProblemFromJSON,
} from "../generated";

const config = new Configuration({
  basePath: process.env.REMINDER_STORE_URL ?? "http://localhost:8080",
  accessToken: process.env.REMINDER_STORE_API_KEY ?? "",
});
const guilds = new GuildsApi(config);
const users = new UsersApi(config);
const events = new EventsApi(config);
const reactions = new ReactionsApi(config);
const reminders = new RemindersApi(config);
const logs = new ReminderLogsApi(config);

const guildId = "900000000000000001";
const channelId = "900000000000000002";
const messageId = "900000000000000003";
const memberIds = Array.from({ length: 1000 }, (_, i) => (800000000000000000n + BigInt(i)).toString());

/** The problem a failed call answered, read with the document's Problem schema. */
async function problemOf(call: Promise<unknown>): Promise<Problem> {
  try {
    await call;
  } catch (e) {
    assert.ok(e instanceof ResponseError, `expected an HTTP error, got ${String(e)}`);
    assert.equal(e.response.headers.get("content-type"), "application/problem+json");
    return ProblemFromJSON(await e.response.json());
  }
  assert.fail("the call succeeded");
}

test("a bot's day", async (t) => {
  await t.test("registers its guild", async () => {
    const created = await guilds.upsertGuildRaw({ guildId, guildRequest: { name: "Raid club", settings: { locale: "en" } } });
    assert.equal(created.raw.status, 201);
    assert.equal(created.raw.headers.get("location"), `${config.basePath}/api/v1/guilds/${guildId}`);
    const guild = await created.value();
    assert.equal(guild.guildId, guildId);
    assert.equal(guild.name, "Raid club");
  });

  await t.test("syncs 1,000 members", async () => {
    const members: MemberRequest[] = memberIds.map((userId, i) => ({ userId, username: `member${i}`, isBot: false }));
    const counts = await users.replaceMembers({ guildId, memberRequest: members });
    assert.deepEqual(counts, { added: 1000, updated: 0, removed: 0, total: 1000 });
    const again = await users.replaceMembers({ guildId, memberRequest: members.slice(0, 999) });
    assert.deepEqual(again, { added: 0, updated: 999, removed: 1, total: 999 });
    const member = await users.getMember({ guildId, userId: memberIds[5] });
    assert.equal(member.username, "member5");
    assert.equal(member.isBot, false);
  });

  await t.test("watches a message", async () => {
    const created = await events.createEventRaw({
      eventRequest: { messageId, channelId, guildId, title: "Raid night", intervalMinutes: 60, requiredReactions: ["✅", "❌"] },
    });
    assert.equal(created.raw.status, 201);
    assert.equal(created.raw.headers.get("etag"), '"0"');
    const event = await created.value();
    assert.equal(event.messageId, messageId);
    assert.equal(event.isPaused, false);
    assert.ok(event.nextReminderAt instanceof Date);
    assert.equal(event.description, null);
  });

  await t.test("answers arrive and one is withdrawn", async () => {
    const first = await reactions.upsertReactionRaw({ messageId, userId: memberIds[0], reactionRequest: { emoji: "✅" } });
    assert.equal(first.raw.status, 201);
    assert.equal((await first.value()).emoji, "✅");
    const changed = await reactions.upsertReactionRaw({ messageId, userId: memberIds[0], reactionRequest: { emoji: "❌" } });
    assert.equal(changed.raw.status, 200);
    await reactions.upsertReaction({ messageId, userId: memberIds[1], reactionRequest: { emoji: "✅" } });
    await reactions.deleteReaction({ messageId, userId: memberIds[1] });
    const page = await reactions.listReactions({ messageId });
    assert.deepEqual(page.items.map((r) => [r.userId, r.emoji]), [[memberIds[0], "❌"]]);
    assert.equal(page.nextCursor, null);
  });

  await t.test("reads the status", async () => {
    const status = await events.getEventStatus({ messageId });
    assert.equal(status.responded, 1);
    assert.equal(status.missing, 998);
    assert.equal(status.total, 999);
    assert.ok(!status.missingUserIds.includes(memberIds[0]));
    assert.ok(status.missingUserIds.includes(memberIds[1]));
  });

  await t.test("patches with If-Match, and a stale version gets 412", async () => {
    const current = await events.getEventRaw({ messageId });
    const etag = current.raw.headers.get("etag") ?? assert.fail("no ETag");
    const patched = await events.patchEventRaw({ messageId, ifMatch: etag, eventPatch: { title: "Raid night, 21:00", isPaused: true } });
    const event = await patched.value();
    assert.equal(event.title, "Raid night, 21:00");
    assert.equal(event.isPaused, true);
    assert.notEqual(patched.raw.headers.get("etag"), etag);
    const stale = await problemOf(events.patchEvent({ messageId, ifMatch: etag, eventPatch: { isPaused: false } }));
    assert.equal(stale.status, 412);
    const resumed = await events.patchEvent({ messageId, eventPatch: { isPaused: null, description: "bring potions" } });
    assert.equal(resumed.isPaused, false);
    assert.equal(resumed.description, "bring potions");
  });

  await t.test("reminds now and pages the reminder logs", async () => {
    const sent = await reminders.remindNow({ messageId });
    assert.equal(sent.status, "sent");
    assert.equal(sent.usersNotified, 998);
    await reminders.remindNow({ messageId });
    const first = await logs.listEventReminderLogs({ messageId, limit: 1 });
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = await logs.listEventReminderLogs({ messageId, limit: 1, cursor: first.nextCursor ?? undefined });
    assert.equal(second.items.length, 1);
    assert.notEqual(second.items[0].id, first.items[0].id);
    assert.equal(second.nextCursor, null);
    const sentOnly = await logs.listReminderLogs({ status: "sent" });
    assert.equal(sentOnly.items.filter((log) => log.messageId === messageId).length, 2);
  });

  await t.test("reads errors as typed problems", async () => {
    const invalid = await problemOf(events.createEvent({ eventRequest: { messageId: "900000000000000009", channelId, guildId, title: "" } }));
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.errors, [{ field: "title", message: "is required" }]);
    const missing = await problemOf(events.getEvent({ messageId: "900000000000000099" }));
    assert.equal(missing.status, 404);
    assert.equal(missing.detail, "event 900000000000000099 not found");
    const twice = await problemOf(events.createEvent({ eventRequest: { messageId, channelId, guildId, title: "again" } }));
    assert.equal(twice.status, 409);
    const huge: MemberRequest[] = Array.from({ length: 5000 }, (_, i) => ({ userId: `${700000000000000000n + BigInt(i)}`, username: "x".repeat(60) }));
    const tooLarge = await problemOf(users.replaceMembers({ guildId, memberRequest: huge }));
    assert.equal(tooLarge.status, 413);
    const nobodyMissing = await problemOf(reminders.remindNow({ messageId: "900000000000000099" }));
    assert.equal(nobodyMissing.status, 404);
  });
});
