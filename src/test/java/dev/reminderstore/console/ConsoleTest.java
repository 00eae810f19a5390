package dev.reminderstore.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** The console's files: served without a key, under a strict Content-Security-Policy; its data calls need the key. */
@QuarkusTest
class ConsoleTest {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Test
    void pageAndModulesWithoutKeyUnderTheSecurityHeaders() {
        secured(given().get("/console/")).contentType(containsString("text/html"))
                .body(containsString("<label for=\"admin-key\">Admin key</label>"))
                .body(containsString("<script type=\"module\" src=\"console.js\"></script>"))
                .body(not(containsString("<script>")));
        for (String module : new String[] {"console.js", "api.js", "chart.js"}) {
            secured(given().get("/console/" + module)).contentType(containsString("javascript"));
        }
        secured(given().get("/console/console.css")).contentType(containsString("text/css"));
    }

    @Test
    void consoleWithoutSlashLeadsToThePage() {
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location", endsWith("/console/"));
    }

    @Test
    void dataCallsStillNeedTheKey() {
        given().get("/api/v1/admin/reminder-activity").then().statusCode(401)
                .body("detail", equalTo("this API needs an Authorization: Bearer <key> header"));
        given().auth().oauth2("wrong-key").get("/api/v1/admin/database").then().statusCode(401)
                .body("detail", equalTo("the key is not valid"));
    }

    private static ValidatableResponse secured(io.restassured.response.Response response) {
        return response.then().statusCode(200)
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
    }
}
