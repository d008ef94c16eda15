package dev.gatehouse.emulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The requests table keeps its columns whatever the length of a path. */
class RequestsTableTest {

    @Test
    void a_short_call_is_shown_whole() {
        assertEquals("GET /notes/abc", RequestsCommand.fit("GET /notes/abc", RequestsCommand.CALL_WIDTH));
    }

    @Test
    void a_long_call_keeps_its_start_and_end_within_the_column() {
        String call = "GET /notes/" + "x".repeat(80) + "/attachments/photo.jpg";
        String shown = RequestsCommand.fit(call, RequestsCommand.CALL_WIDTH);
        assertEquals(RequestsCommand.CALL_WIDTH, shown.length());
        assertEquals("GET /notes/xxxx...hments/photo.jpg", shown);
    }
}
