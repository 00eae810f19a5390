package dev.reminderstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {

    @TempDir
    Path folder;

    @Test
    void missingKeyIsGeneratedIntoAPrivateFile() throws Exception {
        Path file = folder.resolve("data").resolve(ApiKeys.BOT_KEY_FILE);
        String key = ApiKeys.resolve("API_KEY", Optional.empty(), file);
        assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Files.readString(file).trim()).isEqualTo(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).containsExactly(file);
        }
    }

    @Test
    void generatedKeyIsKeptAcrossStarts() {
        Path file = folder.resolve(ApiKeys.ADMIN_KEY_FILE);
        String first = ApiKeys.resolve("ADMIN_API_KEY", Optional.empty(), file);
        assertThat(ApiKeys.resolve("ADMIN_API_KEY", Optional.empty(), file)).isEqualTo(first);
    }

    @Test
    void twoGeneratedKeysDiffer() {
        assertThat(ApiKeys.resolve("API_KEY", Optional.empty(), folder.resolve("a")))
                .isNotEqualTo(ApiKeys.resolve("API_KEY", Optional.empty(), folder.resolve("b")));
    }

    @Test
    void configuredKeyWinsAndNothingIsWritten() {
        Path file = folder.resolve(ApiKeys.BOT_KEY_FILE);
        assertThat(ApiKeys.resolve("API_KEY", Optional.of(" configured-key "), file)).isEqualTo("configured-key");
        assertThat(file).doesNotExist();
    }

    @Test
    void blankConfiguredKeyCountsAsUnset() {
        Path file = folder.resolve(ApiKeys.BOT_KEY_FILE);
        assertThat(ApiKeys.resolve("API_KEY", Optional.of("  "), file)).hasSize(43);
        assertThat(file).exists();
    }
}
