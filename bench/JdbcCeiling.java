import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The storage ceiling of the benchmarks: the service's operations in raw JDBC on the same SQLite file with the same
 * pragmas, no HTTP, no ORM. Writes are single-row transactions. Also measures the due query at 1,000,000 events.
 *
 * usage: java -cp sqlite-jdbc.jar bench/JdbcCeiling.java DB_FILE EVENTS GUILDS MEMBERS SECONDS DUE_DB DUE_EVENTS
 * Prints one "CEILING name ops_per_s" line per operation, and "DUE ..." lines for the due query.
 */
public class JdbcCeiling {

    static final long MESSAGE_BASE = 1300000000000000000L, USER_BASE = 1200000000000000000L;
    static final String[] PRAGMAS = {"journal_mode=WAL", "foreign_keys=true", "busy_timeout=10000", "cache_size=-65536",
            "synchronous=NORMAL", "temp_store=MEMORY"};

    public static void main(String[] args) throws Exception {
        String db = args[0];
        int events = Integer.parseInt(args[1]), guilds = Integer.parseInt(args[2]), members = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        int threads = Runtime.getRuntime().availableProcessors();
        report("get_event", threads, seconds, db, (c, r) -> readEvent(c, MESSAGE_BASE + r.nextInt(events)));
        report("get_status", threads, seconds, db, (c, r) -> status(c, MESSAGE_BASE + r.nextInt(events)));
        report("put_reaction", 1, seconds, db, (c, r) -> {
            int i = r.nextInt(events);
            upsertReaction(c, MESSAGE_BASE + i, USER_BASE + (long) (i % guilds) * members + r.nextInt(members), "✅");
        });
        dueQuery(args[5], Integer.parseInt(args[6]));
    }

    interface Op {
        void run(Connection connection, Random random) throws SQLException;
    }

    static Connection open(String file) throws SQLException {
        Properties properties = new Properties();
        for (String pragma : PRAGMAS) {
            String[] kv = pragma.split("=");
            properties.setProperty(kv[0], kv[1]);
        }
        return DriverManager.getConnection("jdbc:sqlite:" + file, properties);
    }

    static void report(String name, int threads, double seconds, String db, Op op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int seed = t;
            counts.add(pool.submit(() -> {
                long done = 0;
                Random random = new Random(seed);
                try (Connection connection = open(db)) {
                    while (System.nanoTime() < end) {
                        op.run(connection, random);
                        done++;
                    }
                }
                return done;
            }));
        }
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        System.out.printf("CEILING %s %.0f%n", name, total / seconds);
    }

    static void readEvent(Connection c, long messageId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select * from event where message_id = ?")) {
            s.setLong(1, messageId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        r.getObject(i);
                    }
                }
            }
        }
    }

    static void status(Connection c, long messageId) throws SQLException {
        long eventId, guildId;
        String reactions;
        try (PreparedStatement s = c.prepareStatement("select id, guild_id, required_reactions from event where message_id = ?")) {
            s.setLong(1, messageId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                eventId = r.getLong(1);
                guildId = r.getLong(2);
                reactions = r.getString(3);
            }
        }
        String[] emojis = reactions.replaceAll("[\\[\\]\"]", "").split(",");
        String marks = String.join(",", Arrays.stream(emojis).map(e -> "?").toList());
        try (PreparedStatement s = c.prepareStatement("select u.user_id from \"user\" u where u.guild_id = ? and u.is_bot = 0"
                + " and not exists (select r.id from reaction r where r.event_id = ? and r.user_id = u.user_id and r.emoji in ("
                + marks + ")) order by u.user_id")) {
            s.setLong(1, guildId);
            s.setLong(2, eventId);
            for (int i = 0; i < emojis.length; i++) {
                s.setString(3 + i, emojis[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    r.getLong(1);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("select count(*) from \"user\" where guild_id = ? and is_bot = 0")) {
            s.setLong(1, guildId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
            }
        }
    }

    static void upsertReaction(Connection c, long messageId, long userId, String emoji) throws SQLException {
        try (Statement begin = c.createStatement()) {
            begin.execute("begin immediate");
        }
        try (PreparedStatement find = c.prepareStatement("select id from event where message_id = ?");
             PreparedStatement upsert = c.prepareStatement("insert into reaction (event_id, user_id, emoji, reacted_at, created_at, updated_at)"
                     + " values (?, ?, ?, ?, ?, ?) on conflict (event_id, user_id) do update set emoji = excluded.emoji,"
                     + " updated_at = excluded.updated_at")) {
            find.setLong(1, messageId);
            long eventId;
            try (ResultSet r = find.executeQuery()) {
                r.next();
                eventId = r.getLong(1);
            }
            long now = System.currentTimeMillis();
            upsert.setLong(1, eventId);
            upsert.setLong(2, userId);
            upsert.setString(3, emoji);
            upsert.setLong(4, now);
            upsert.setLong(5, now);
            upsert.setLong(6, now);
            upsert.executeUpdate();
        }
        try (Statement commit = c.createStatement()) {
            commit.execute("commit");
        }
    }

    /** A table shaped like the service's event table, with 1 % of the rows due; the due search as the scheduler runs it. */
    static void dueQuery(String file, int events) throws Exception {
        boolean fresh = !Files.exists(Path.of(file));
        try (Connection c = open(file); Statement s = c.createStatement()) {
            if (fresh) {
                s.execute("create table event (id integer primary key, message_id integer not null unique, is_paused boolean not null,"
                        + " next_reminder_at timestamp, title text not null)");
                s.execute("create index event_next_reminder_at_idx on event (next_reminder_at)");
                s.execute("begin");
                long now = System.currentTimeMillis();
                Random random = new Random(1);
                try (PreparedStatement insert = c.prepareStatement("insert into event (message_id, is_paused, next_reminder_at, title) values (?, 0, ?, 'e')")) {
                    for (int i = 0; i < events; i++) {
                        insert.setLong(1, MESSAGE_BASE + i);
                        // 1 % due (in the last hour), the rest in the next 20 days
                        insert.setLong(2, i % 100 == 0 ? now - random.nextInt(3_600_000) : now + 1 + random.nextInt(20 * 86_400_000));
                        insert.addBatch();
                        if (i % 10_000 == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
                s.execute("commit");
                s.execute("analyze");
            }
            String query = "select id from event where next_reminder_at <= ? order by next_reminder_at limit 500";
            try (ResultSet plan = s.executeQuery("explain query plan " + query.replace("?", Long.toString(System.currentTimeMillis())))) {
                while (plan.next()) {
                    System.out.println("DUE plan " + plan.getString("detail"));
                }
            }
            long[] micros = new long[200];
            try (PreparedStatement due = c.prepareStatement(query)) {
                for (int i = 0; i < micros.length; i++) {
                    long start = System.nanoTime();
                    due.setLong(1, System.currentTimeMillis());
                    int rows = 0;
                    try (ResultSet r = due.executeQuery()) {
                        while (r.next()) {
                            rows++;
                        }
                    }
                    micros[i] = (System.nanoTime() - start) / 1000;
                    if (i == 0) {
                        System.out.println("DUE rows " + rows + " of " + events);
                    }
                }
            }
            Arrays.sort(micros);
            System.out.printf("DUE p50_ms %.3f p99_ms %.3f%n", micros[100] / 1000.0, micros[197] / 1000.0);
        }
    }
}
