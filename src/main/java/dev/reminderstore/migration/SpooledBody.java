package dev.reminderstore.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

/**
 * A request body received whole into a temporary file (mode 0600, deleted after) before an import reads it: an
 * import holds the database's single writer, which must not wait on a slow upload. Memory holds none of it.
 */
final class SpooledBody {

    private SpooledBody() {
    }

    static <T> T of(InputStream body, Function<InputStream, T> importer) throws IOException {
        Path file = Files.createTempFile("reminder-store-import-", ".json");
        try {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            try (InputStream document = Files.newInputStream(file)) {
                return importer.apply(document);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
