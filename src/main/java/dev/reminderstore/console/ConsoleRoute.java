package dev.reminderstore.console;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /console} leads to {@code /console/}, where the static files (META-INF/resources/console) are served, so
 * that the page's relative module paths resolve inside the console.
 */
@ApplicationScoped
public class ConsoleRoute {

    void route(@Observes Router router) {
        // Vert.x matches "/console" with and without the slash; only the bare one is redirected.
        router.get("/console").handler(context -> {
            if (context.request().path().equals("/console")) {
                context.redirect("/console/");
            } else {
                context.next();
            }
        });
    }
}
