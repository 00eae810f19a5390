package dev.reminderstore.config;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * This process among the instances sharing one database: made at start, never reused (the process id and a random
 * part), so that the reminder claims it holds can be told from a peer's, and from those of a process that died.
 */
@ApplicationScoped
public class InstanceId {

    private final String value;

    public InstanceId() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        this.value = "i" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
        Log.debugf("Instance id %s", value);
    }

    /** At most 32 characters (reminderlog.claimed_by holds 64). */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
