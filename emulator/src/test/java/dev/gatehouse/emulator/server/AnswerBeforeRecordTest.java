package dev.gatehouse.emulator.server;

import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.http.IncomingRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The work a reply leaves for after it (the call record) runs once the answer is out: a client gets its answer while
 * that work is still going, on the path that answers API and Cognito calls; a direct {@code handle} (replay, the
 * Javalin path) has it done before it returns.
 */
class AnswerBeforeRecordTest {
    /** Answers 200 "answered"; its after-work waits until the test lets it go. */
    private static final class Blocking implements GatewayServer.Routing {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch afterDone = new CountDownLatch(1);
        final AtomicInteger afterRuns = new AtomicInteger();

        @Override
        public GatewayServer.Reply handleDeferred(IncomingRequest request, String requestId) {
            return new GatewayServer.Reply(200, List.of(Map.entry("Content-Type", "text/plain")),
                    "answered".getBytes(StandardCharsets.UTF_8)).after(() -> {
                        try {
                            if (!release.await(30, TimeUnit.SECONDS)) {
                                throw new IllegalStateException("never released");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        afterRuns.incrementAndGet();
                        afterDone.countDown();
                    });
        }
    }

    @Test
    void the_answer_reaches_the_client_before_the_work_left_for_after_it() throws Exception {
        Blocking routing = new Blocking();
        try (GatewayServer server = new GatewayServer("127.0.0.1", 0, new ControlledClock(), routing).start()) {
            for (String method : List.of("GET", "POST")) { // without a body and with one
                // HTTP/1.1 (this client's default, HTTP/2, asks for an h2c upgrade, which Javalin answers), and a
                // connection of its own: the next request on a connection is read once the previous one's work is done
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + "/notes")).timeout(Duration.ofSeconds(10));
                b = method.equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"));
                // With the after-work run before the write, this send times out (it waits for the release below).
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                assertEquals("answered", r.body());
            }
            assertEquals(0, routing.afterRuns.get(), "the after-work ran before the answers were out");
            routing.release.countDown();
            assertTrue(routing.afterDone.await(10, TimeUnit.SECONDS), "the after-work never ran");
        }
    }
}
