package dev.gatehouse.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** The notes API as the suites call it: one user's requests, answers as JSON trees. */
final class Notes {
    static final ObjectMapper JSON = new ObjectMapper();

    private final GatehouseUser user;

    Notes(GatehouseUser user) {
        this.user = user;
    }

    static String body(String content, String attachment) {
        Map<String, String> note = new LinkedHashMap<>();
        note.put("content", content);
        note.put("attachment", attachment);
        try {
            return JSON.writeValueAsString(note);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Response create(String json) {
        return user.given().contentType("application/json").body(json).post("/notes");
    }

    /** Creates a note and returns the stored item (asserting 200). */
    JsonNode created(String content) {
        Response r = create(body(content, content + ".jpg"));
        if (r.statusCode() != 200) {
            throw new AssertionError(user.email() + " POST /notes: expected 200, got " + r.statusCode() + " "
                    + r.asString());
        }
        return json(r);
    }

    Response get(String noteId) {
        return user.given().get("/notes/{id}", noteId);
    }

    Response list() {
        return user.given().get("/notes");
    }

    Response update(String noteId, String json) {
        return user.given().contentType("application/json").body(json).put("/notes/{id}", noteId);
    }

    Response delete(String noteId) {
        return user.given().delete("/notes/{id}", noteId);
    }

    /** The noteIds of this user's list (asserting 200). */
    List<String> listedIds() {
        Response r = list();
        if (r.statusCode() != 200) {
            throw new AssertionError(user.email() + " GET /notes: expected 200, got " + r.statusCode());
        }
        return StreamSupport.stream(json(r).spliterator(), false).map(n -> n.path("noteId").asText()).toList();
    }

    static JsonNode json(Response r) {
        try {
            return JSON.readTree(r.asByteArray());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.asString(), e);
        }
    }
}
