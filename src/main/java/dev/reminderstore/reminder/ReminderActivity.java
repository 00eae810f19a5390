package dev.reminderstore.reminder;

import dev.reminderstore.api.ApiException;
import dev.reminderstore.db.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reminder log rows counted per time bucket and status, for the console's chart. A row counts in the bucket of
 * its {@code scheduled_at} (when the reminder was due), the one time every row has. One grouped query on the
 * (scheduled_at, status) index; plain JDBC on a pooled connection because the bucket arithmetic differs between
 * the two databases and a read needs no transaction.
 */
@ApplicationScoped
public class ReminderActivity {

    /** The bucket widths the chart uses: hours over a day, days over a month. */
    public static final Duration HOUR = Duration.ofHours(1);
    /** By their ISO-8601 names as the API takes them (Duration would print a day as PT24H). */
    static final Map<String, Duration> BUCKETS = Map.of("PT1H", HOUR, "P1D", Duration.ofDays(1));
    /** Most buckets one answer holds, so that a far {@code since} cannot ask for a million empty buckets. */
    public static final int MAX_BUCKETS = 1000;

    /** Counts of one bucket; {@code skipped} is 0 until parks are logged (README, "Operator console"). */
    public record Bucket(Instant start, long sent, long failed, long pending, long skipped) {
    }

    public record Answer(Instant since, Instant until, String bucket, List<Bucket> buckets) {
    }

    private final AgroalDataSource dataSource;
    private final boolean sqlite;

    public ReminderActivity(AgroalDataSource dataSource, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.dataSource = dataSource;
        this.sqlite = "sqlite".equals(dbKind);
    }

    /** The bucket width named by {@code value} (PT1H or P1D); a 400 naming the parameter otherwise. */
    public static Duration bucket(String value) {
        Duration width = BUCKETS.get(value);
        if (width == null) {
            throw ApiException.invalid("bucket", "must be PT1H or P1D");
        }
        return width;
    }

    /** How far back the chart looks when {@code since} is not given: a day by hours, 30 days by days. */
    public static Duration defaultSpan(Duration width) {
        return width.equals(HOUR) ? Duration.ofDays(1) : Duration.ofDays(30);
    }

    /** Every bucket from the one holding {@code since} up to the one holding {@code now}, empty ones included. */
    public Answer count(Instant since, Duration width, Instant now) throws SQLException {
        long widthMillis = width.toMillis();
        long first = Math.floorDiv(since.toEpochMilli(), widthMillis);
        long last = Math.floorDiv(now.toEpochMilli(), widthMillis);
        if (since.isAfter(now)) {
            throw ApiException.invalid("since", "must not be in the future");
        }
        if (last - first + 1 > MAX_BUCKETS) {
            throw ApiException.invalid("since", "must be at most " + MAX_BUCKETS + " buckets before now ("
                    + MAX_BUCKETS / 24 + " days by PT1H, " + MAX_BUCKETS + " days by P1D)");
        }
        Instant start = Instant.ofEpochMilli(first * widthMillis);
        Instant end = Instant.ofEpochMilli((last + 1) * widthMillis);
        long[][] counts = new long[(int) (last - first + 1)][ReminderStatus.values().length];
        String index = sqlite ? "(scheduled_at - ?) / ?" : "floor((extract(epoch from scheduled_at) * 1000 - ?) / ?)";
        String sql = "select " + index + " as bucket, status, count(*) from reminderlog"
                + " where scheduled_at >= ? and scheduled_at < ? group by bucket, status";
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, start.toEpochMilli());
            query.setLong(2, widthMillis);
            query.setTimestamp(3, Jdbc.time(start));
            query.setTimestamp(4, Jdbc.time(end));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts[rows.getInt(1)][ReminderStatus.valueOf(rows.getString(2)).ordinal()] = rows.getLong(3);
                }
            }
        }
        List<Bucket> buckets = new ArrayList<>(counts.length);
        for (int i = 0; i < counts.length; i++) {
            long[] c = counts[i];
            buckets.add(new Bucket(start.plusMillis(i * widthMillis), c[ReminderStatus.sent.ordinal()],
                    c[ReminderStatus.failed.ordinal()], c[ReminderStatus.pending.ordinal()], 0));
        }
        return new Answer(since, now, width.equals(HOUR) ? "PT1H" : "P1D", buckets);
    }
}
