package dev.reminderstore;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The way every test talks to the API: JSON in and out, with the credentials the API asks for. */
public final class Api {

    /** The keys of the %test profile (application.properties). */
    public static final String BOT_KEY = "test-bot-key-0123456789";
    public static final String ADMIN_KEY = "test-admin-key-0123456789";

    /** Ids that no two tests share, so tests need no clean-up between them. */
    private static final AtomicLong NEXT_ID = new AtomicLong(System.currentTimeMillis() * 1000);

    private Api() {
    }

    /** A call of the bot: JSON, with the bot's key. */
    public static RequestSpecification api() {
        return anonymous().headers(headers());
    }

    /** A call of the operator: JSON, with the admin key. */
    public static RequestSpecification admin() {
        return anonymous().auth().oauth2(ADMIN_KEY);
    }

    /** JSON without any key. */
    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** The headers of a bot call, for tests that use another HTTP client. */
    public static Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + BOT_KEY);
    }

    /** Every value of {@code field} over all pages of a list, following the cursors. */
    public static List<String> allPages(String path, String field) {
        List<String> values = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification request = api().queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get(path).then().statusCode(200).extract();
            values.addAll(page.<List<String>>path("items." + field));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        return values;
    }

    public static String newId() {
        return Long.toString(NEXT_ID.incrementAndGet());
    }
}
