package dev.reminderstore.reminder.delivery;

import dev.reminderstore.config.StoreConfig;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * {@code discord} in /q/health (a wellness check: readiness and liveness stay UP, since the API serves on and a
 * restart would not bring a revoked token back): DOWN with the reason while Discord delivery is stopped by its
 * breaker, with the invalid requests of the last 10 minutes against their budget.
 */
@Wellness
@ApplicationScoped
public class DiscordHealthCheck implements HealthCheck {

    private final DiscordClient discord;
    private final DeliveryMode mode;

    public DiscordHealthCheck(DiscordClient discord, StoreConfig config) {
        this.discord = discord;
        this.mode = DeliveryMode.of(config.reminders());
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("discord").withData("delivery", mode.name());
        if (mode != DeliveryMode.discord) {
            return response.up().build();
        }
        response.withData("invalidRequestsLast10Minutes", discord.invalidRequestsInWindow())
                .withData("invalidRequestBudget", discord.invalidRequestBudget());
        discord.status().ifPresent(reason -> response.withData("stopped", reason));
        return response.status(discord.status().isEmpty()).build();
    }
}
