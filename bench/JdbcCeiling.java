import dev.reminderstore.event.Attendance;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The storage ceiling of the benchmarks: the service's operations in raw JDBC on the same database, no HTTP, no ORM.
 * On SQLite: the same file with the same pragmas, one writer (the service has one). On PostgreSQL: the same database,
 * with as many clients for writes as for reads (the service lets writers through there). Writes are single-row
 * transactions. Also measures the due query at 1,000,000 events.
 *
 * usage: java -cp JDBC_DRIVER.jar:target/classes bench/JdbcCeiling.java DB EVENTS GUILDS MEMBERS SECONDS DUE_DB DUE_EVENTS
 * DB and DUE_DB are JDBC URLs (jdbc:sqlite:FILE, jdbc:postgresql://HOST/DATABASE) or SQLite files; PostgreSQL's user
 * and password come from BENCH_DB_USER and BENCH_DB_PASSWORD. On PostgreSQL the due table is "due_event" in DUE_DB.
 * Prints one "CEILING name ops_per_s clients" line per operation, and "DUE ..." lines for the due query.
 */
public class JdbcCeiling {

    /** The status endpoint's default page of missing ids. */
    static final int STATUS_PAGE = 50;
    static final long MESSAGE_BASE = 1300000000000000000L, USER_BASE = 1200000000000000000L;
    /** The service's pragmas, with the page cache of one of its 8 pooled connections (64 MiB shared out). */
    static final String[] PRAGMAS = {"journal_mode=WAL", "foreign_keys=true", "busy_timeout=10000", "cache_size=-8192",
            "synchronous=NORMAL", "temp_store=MEMORY"};
    /** Clients per core on PostgreSQL: each one waits for the server half of the time, so a core serves several. */
    static final int POSTGRESQL_CLIENTS_PER_CORE = 4;

    public static void main(String[] args) throws Exception {
        String db = url(args[0]);
        int events = Integer.parseInt(args[1]), guilds = Integer.parseInt(args[2]), members = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        int cores = Runtime.getRuntime().availableProcessors();
        int readers = isSqlite(db) ? cores : cores * POSTGRESQL_CLIENTS_PER_CORE;
        int writers = isSqlite(db) ? 1 : readers;
        report("get_event", readers, seconds, db, (c, r) -> readEvent(c, MESSAGE_BASE + r.nextInt(events)));
        report("get_status", readers, seconds, db, (c, r) -> status(c, MESSAGE_BASE + r.nextInt(events)));
        report("put_reaction", writers, seconds, db, (c, r) -> {
            int i = r.nextInt(events);
            upsertReaction(c, MESSAGE_BASE + i, USER_BASE + (long) (i % guilds) * members + r.nextInt(members), "✅");
        });
        dueQuery(url(args[5]), Integer.parseInt(args[6]));
    }

    /** A SQLite file given without the URL prefix, as bench/run did before PostgreSQL. */
    static String url(String db) {
        return db.startsWith("jdbc:") ? db : "jdbc:sqlite:" + db;
    }

    static boolean isSqlite(String url) {
        return url.startsWith("jdbc:sqlite:");
    }

    static boolean isSqlite(Connection c) throws SQLException {
        return isSqlite(c.getMetaData().getURL());
    }

    /** Times as the service stores them: epoch milliseconds on SQLite, timestamptz on PostgreSQL. */
    static void setTime(PreparedStatement s, int index, long epochMillis, boolean sqlite) throws SQLException {
        if (sqlite) {
            s.setLong(index, epochMillis);
        } else {
            s.setTimestamp(index, new Timestamp(epochMillis));
        }
    }

    interface Op {
        void run(Connection connection, Random random) throws SQLException;
    }

    static Connection open(String url) throws SQLException {
        Properties properties = new Properties();
        if (isSqlite(url)) {
            for (String pragma : PRAGMAS) {
                String[] kv = pragma.split("=");
                properties.setProperty(kv[0], kv[1]);
            }
        } else {
            properties.setProperty("user", System.getenv().getOrDefault("BENCH_DB_USER", "reminder"));
            properties.setProperty("password", System.getenv().getOrDefault("BENCH_DB_PASSWORD", "reminder"));
        }
        return DriverManager.getConnection(url, properties);
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
        System.out.printf("CEILING %s %.0f %d%n", name, total / seconds, threads);
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

    /**
     * The service's status read: the event's keys, then event/Attendance's statement (the counts and the first page of
     * 50 missing ids, 51 fetched), taken from the service's classes so that both run the same SQL.
     */
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
        List<String> emojis = Arrays.asList(reactions.replaceAll("[\\[\\]\"]", "").split(","));
        try (PreparedStatement s = c.prepareStatement(Attendance.sql(emojis.size()))) {
            Attendance.bind(s, guildId, eventId, emojis, Long.MIN_VALUE, STATUS_PAGE + 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    r.getInt(1);
                    r.getInt(2);
                    r.getLong(3);
                }
            }
        }
    }

    static void upsertReaction(Connection c, long messageId, long userId, String emoji) throws SQLException {
        boolean sqlite = isSqlite(c);
        if (sqlite) {
            try (Statement begin = c.createStatement()) {
                begin.execute("begin immediate"); // as the service's SQLite connections begin their transactions
            }
        } else {
            c.setAutoCommit(false);
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
            for (int i = 4; i <= 6; i++) {
                setTime(upsert, i, now, sqlite);
            }
            upsert.executeUpdate();
        }
        if (sqlite) {
            try (Statement commit = c.createStatement()) {
                commit.execute("commit");
            }
        } else {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /**
     * A table shaped like the service's event table, with 1 % of the rows due; the due search as the scheduler runs it.
     * SQLite: table "event" in its own file; PostgreSQL: table "due_event" in DUE_DB. Made when it does not hold
     * DUE_EVENTS rows, else kept (bench/run's fresh PostgreSQL database never has it).
     */
    static void dueQuery(String url, int events) throws Exception {
        boolean sqlite = isSqlite(url);
        String table = sqlite ? "event" : "due_event";
        try (Connection c = open(url); Statement s = c.createStatement()) {
            if (rowCount(s, table) != events) {
                fillDueTable(c, s, table, events, sqlite);
            }
            String query = "select id from " + table + " where next_reminder_at <= ? order by next_reminder_at limit 500";
            String now = sqlite ? Long.toString(System.currentTimeMillis()) : "now()";
            try (ResultSet plan = s.executeQuery((sqlite ? "explain query plan " : "explain ") + query.replace("?", now))) {
                while (plan.next()) {
                    String step = sqlite ? plan.getString("detail") : plan.getString(1).replaceAll("\\s*\\(cost=.*\\)", "").trim();
                    // PostgreSQL's plan: the scan and its condition are what tell whether the index serves the search
                    if (sqlite || step.contains("Scan")) {
                        System.out.println("DUE plan " + step.replaceFirst("^->\\s*", ""));
                    }
                }
            }
            long[] micros = new long[200];
            try (PreparedStatement due = c.prepareStatement(query)) {
                for (int i = 0; i < micros.length; i++) {
                    long start = System.nanoTime();
                    setTime(due, 1, System.currentTimeMillis(), sqlite);
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

    /** Rows of the table, or -1 when it does not exist. */
    static long rowCount(Statement s, String table) {
        try (ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException missing) {
            return -1;
        }
    }

    static void fillDueTable(Connection c, Statement s, String table, int events, boolean sqlite) throws SQLException {
        s.execute("drop table if exists " + table);
        s.execute("create table " + table + " (id " + (sqlite ? "integer primary key" : "bigint generated by default as identity primary key")
                + ", message_id bigint not null unique, is_paused boolean not null, next_reminder_at "
                + (sqlite ? "timestamp" : "timestamp with time zone") + ", title text not null)");
        s.execute("create index " + table + "_next_reminder_at_idx on " + table + " (next_reminder_at)");
        c.setAutoCommit(false);
        long now = System.currentTimeMillis();
        Random random = new Random(1);
        try (PreparedStatement insert = c.prepareStatement("insert into " + table
                + " (message_id, is_paused, next_reminder_at, title) values (?, false, ?, 'e')")) {
            for (int i = 0; i < events; i++) {
                insert.setLong(1, MESSAGE_BASE + i);
                // 1 % due (in the last hour), the rest in the next 20 days
                setTime(insert, 2, i % 100 == 0 ? now - random.nextInt(3_600_000) : now + 1 + random.nextInt(20 * 86_400_000), sqlite);
                insert.addBatch();
                if (i % 10_000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        s.execute("analyze " + table);
    }
}
