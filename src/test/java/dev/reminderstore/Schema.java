package dev.reminderstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Facts about the Flyway scripts, so that tests follow new migrations without edits. */
public final class Schema {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

    private Schema() {
    }

    /** The highest version among src/main/resources/db/migration/V*__*.sql, as Flyway reports it. */
    public static String latestVersion() {
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
            return Integer.toString(scripts.map(p -> VERSIONED.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
