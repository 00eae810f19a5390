package dev.reminderstore;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.concurrent.atomic.AtomicLong;

/** The way every test talks to the API: JSON in and out, with the credentials the API asks for. */
public final class Api {

    /** Ids that no two tests share, so tests need no clean-up between them. */
    private static final AtomicLong NEXT_ID = new AtomicLong(System.currentTimeMillis() * 1000);

    private Api() {
    }

    public static RequestSpecification api() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A request with admin rights, for the admin endpoints. */
    public static RequestSpecification admin() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static String newId() {
        return Long.toString(NEXT_ID.incrementAndGet());
    }
}
