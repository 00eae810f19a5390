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

    /** The highest version among the V*__*.sql scripts of this database (shared and its own), as Flyway reports it. */
    public static String latestVersion() {
        return Integer.toString(Math.max(latestIn("migration"), latestIn(Databases.kind())));
    }

    private static int latestIn(String folder) {
        Path scripts = Path.of("src/main/resources/db", folder);
        if (!Files.isDirectory(scripts)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(scripts)) {
            return files.map(p -> VERSIONED.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
