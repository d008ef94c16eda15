package dev.gatehouse.contracts;

import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.List;

/** The failing cells of a matrix, collected so that one run names every one of them. */
final class Cells {
    private final List<String> failures = new ArrayList<>();
    private int checked;

    /** Records a failure unless {@code response} has the expected status. */
    void status(String cell, int expected, Response response) {
        checked++;
        if (response.statusCode() != expected) {
            failures.add(cell + ": expected " + expected + ", got " + response.statusCode() + " " + excerpt(response));
        }
    }

    void check(String cell, boolean holds, String otherwise) {
        checked++;
        if (!holds) {
            failures.add(cell + ": " + otherwise);
        }
    }

    void assertAllHold() {
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.size() + " of " + checked + " cells fail:\n  "
                    + String.join("\n  ", failures));
        }
    }

    private static String excerpt(Response r) {
        String body = r.asString();
        return body.length() > 120 ? body.substring(0, 120) + "..." : body;
    }
}
