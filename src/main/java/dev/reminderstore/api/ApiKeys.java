package dev.reminderstore.api;

import dev.reminderstore.config.StoreConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The two bearer keys: the bot's (API_KEY) and the operator's (ADMIN_API_KEY). A key that is not configured is
 * generated at the first start and kept in a file of its own (mode 0600) next to the database, so it survives
 * restarts; the log says where it is, never what it is. Keys are compared by their SHA-256 digests in constant
 * time, which hides their length as well as their content.
 */
@Startup
@ApplicationScoped
public class ApiKeys {

    static final String BOT_KEY_FILE = "api-key";
    static final String ADMIN_KEY_FILE = "admin-api-key";
    private static final int KEY_BYTES = 32;

    /** Who a request's key belongs to. */
    public enum Role { NONE, BOT, ADMIN }

    private final byte[] botDigest;
    private final byte[] adminDigest;

    public ApiKeys(StoreConfig config) {
        Path folder = Path.of(config.databasePath()).toAbsolutePath().getParent();
        String bot = resolve("API_KEY", config.apiKey(), folder.resolve(BOT_KEY_FILE));
        String admin = resolve("ADMIN_API_KEY", config.adminApiKey(), folder.resolve(ADMIN_KEY_FILE));
        if (bot.equals(admin)) {
            Log.warn("API_KEY and ADMIN_API_KEY are the same key: the bot can call the admin endpoints");
        }
        this.botDigest = digest(bot);
        this.adminDigest = digest(admin);
    }

    /** The role of a presented key; both comparisons always run, so timing tells nothing about which one matched. */
    public Role roleOf(String presentedKey) {
        byte[] presented = digest(presentedKey);
        boolean admin = MessageDigest.isEqual(presented, adminDigest);
        boolean bot = MessageDigest.isEqual(presented, botDigest);
        return admin ? Role.ADMIN : bot ? Role.BOT : Role.NONE;
    }

    static String resolve(String variable, Optional<String> configured, Path file) {
        Optional<String> key = configured.map(String::trim).filter(k -> !k.isEmpty());
        if (key.isPresent()) {
            Log.infof("%s: the configured key is used", variable);
            return key.get();
        }
        try {
            Optional<String> stored = Files.exists(file) ? Optional.of(Files.readString(file).trim()).filter(k -> !k.isEmpty()) : Optional.empty();
            if (stored.isPresent()) {
                Log.infof("%s is not set: the key generated earlier is read from %s", variable, file);
                return stored.get();
            }
            String generated = generate();
            write(file, generated);
            Log.infof("%s is not set: a new key was generated and stored in %s (readable by this user only)", variable, file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or store the generated " + variable + " in " + file
                    + " (set " + variable + " or make the folder writable): " + e.getMessage(), e);
        }
    }

    private static String generate() {
        byte[] random = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Written to a private temporary file first, so that the key is never readable by others, not even half-written. */
    private static void write(Path file, String key) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, key + "\n");
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
