package dev.gatehouse.emulator.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A record keeps its trees as JSON text: its JSON and its accessors are what they were with the trees inside. */
class CallRecordJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CallRecord record(JsonNode request, JsonNode event, JsonNode response, JsonNode diagnostics) {
        return new CallRecord(7, "req-1", Instant.parse("2026-12-02T22:00:00Z"), "api", "POST", "/notes",
                "POST /notes", "accepted", null, null, null, "ASIAEXAMPLE", "us-east-1:id", "carol@example.com", true,
                200, 3.5, 1.25, request, event, response, diagnostics, List.of("a log line"));
    }

    @Test
    void its_json_has_every_field_in_order_the_trees_inline_and_no_nulls() throws Exception {
        ObjectNode request = JSON.createObjectNode().put("method", "POST");
        request.putArray("headers").addObject().put("name", "content-type").put("value", "application/json");
        ObjectNode event = JSON.createObjectNode().put("body", "{\"content\":\"é ü 🙂 \\\" \\n\"}").put("n", 12.5);
        event.putNull("cookies");
        ObjectNode response = JSON.createObjectNode().put("status", 200);
        response.putObject("body").put("content", "recorded");

        String json = new String(CallLog.json(record(request, event, response, null)), StandardCharsets.UTF_8);

        assertEquals("{\"sequence\":7,\"requestId\":\"req-1\",\"time\":\"2026-12-02T22:00:00Z\",\"kind\":\"api\","
                + "\"method\":\"POST\",\"path\":\"/notes\",\"operation\":\"POST /notes\",\"verdict\":\"accepted\","
                + "\"accessKeyId\":\"ASIAEXAMPLE\",\"identityId\":\"us-east-1:id\",\"user\":\"carol@example.com\","
                + "\"invoked\":true,\"status\":200,\"durationMs\":3.5,\"handlerMs\":1.25,"
                + "\"request\":" + JSON.writeValueAsString(request) + ","
                + "\"event\":" + JSON.writeValueAsString(event) + ","
                + "\"response\":" + JSON.writeValueAsString(response) + ","
                + "\"logs\":[\"a log line\"]}", json);
        assertEquals(event, JSON.readTree(json).get("event"));
    }

    @Test
    void the_accessors_give_the_trees_back_each_time_a_new_one() {
        ObjectNode request = JSON.createObjectNode().put("method", "GET");
        ObjectNode diagnostics = JSON.createObjectNode().put("canonicalRequest", "GET\n/\n");
        CallRecord r = record(request, null, JSON.createObjectNode().put("status", 403), diagnostics);

        assertEquals(request, r.request());
        assertNull(r.event());
        assertEquals(403, r.response().get("status").asInt());
        assertEquals(diagnostics, r.diagnostics());
        assertNotSame(r.request(), r.request());
        ((ObjectNode) r.request()).put("method", "changed");
        assertEquals("GET", r.request().get("method").asText());
    }

    @Test
    void a_tree_changed_after_the_record_was_made_does_not_change_the_record() {
        ObjectNode response = JSON.createObjectNode().put("status", 200);
        CallRecord r = record(JSON.createObjectNode(), null, response, null);
        response.put("status", 500);
        assertEquals(200, r.response().get("status").asInt());
        assertFalse(new String(CallLog.json(r), StandardCharsets.UTF_8).contains("500"));
    }

    @Test
    void records_with_the_same_content_are_equal() {
        ObjectNode request = JSON.createObjectNode().put("method", "GET");
        assertEquals(record(request, null, null, null), record(request.deepCopy(), null, null, null));
        assertEquals(record(request, null, null, null).hashCode(), record(request.deepCopy(), null, null, null).hashCode());
    }

    @Test
    void a_text_left_for_later_is_written_once_when_first_read_and_then_as_if_written_now() throws Exception {
        java.util.concurrent.atomic.AtomicInteger writes = new java.util.concurrent.atomic.AtomicInteger();
        CallRecord.JsonText.Writing writer = (g, trees) -> {
            writes.incrementAndGet();
            g.writeStartObject();
            g.writeStringField("body", "late é");
            g.writeEndObject();
        };
        CallRecord.JsonText later = CallRecord.JsonText.later(writer);
        CallRecord r = new CallRecord(7, "req-1", Instant.parse("2026-12-02T22:00:00Z"), "api", "POST", "/notes",
                "POST /notes", "accepted", null, null, null, null, null, null, true, 200, 3.5, 1.25, later, null,
                CallRecord.JsonText.later(writer), null, List.of());
        assertEquals(0, writes.get(), "nothing written before a reader asks");

        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> readers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                r.request();
            });
            t.start();
            readers.add(t);
        }
        go.countDown();
        for (Thread t : readers) {
            t.join();
        }
        assertEquals(1, writes.get(), "one text, written once, whatever the readers");
        String json = new String(CallLog.json(r), StandardCharsets.UTF_8);
        assertEquals(2, writes.get(), "the response's text, written by the record's JSON, the request's kept");
        assertEquals(true, json.contains("\"request\":{\"body\":\"late é\"}") && json.contains(
                "\"response\":{\"body\":\"late é\"}"), json);
        assertEquals(JSON.readTree("{\"body\":\"late é\"}"), r.response());
        assertEquals(2, writes.get());
        assertEquals(CallRecord.JsonText.write(writer).text(), later.text(), "the text a writer writes now");
    }

    @Test
    void a_text_whose_writer_fails_says_so_instead_of_failing_its_reader() throws Exception {
        CallRecord.JsonText broken = CallRecord.JsonText.later((g, trees) -> {
            throw new IllegalStateException("boom");
        });
        JsonNode text = JSON.readTree(broken.text());
        assertEquals("(Gatehouse could not write this part of the record: java.lang.IllegalStateException: boom)",
                text.asText());
        assertEquals(broken.text(), broken.toString(), "the same text at each read");
    }
}
