package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.Gatehouse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;

/** Every socket this JVM listens on once Gatehouse runs is on loopback: the API's port and DynamoDB Local's among them. */
class LoopbackOnlyTest {
    private static Gatehouse gatehouse;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(OwnListeningSockets.supported(), "needs Linux /proc");
        gatehouse = Gatehouse.builder().port(0).start();
    }

    @AfterAll
    static void stop() {
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @Test
    void every_listening_socket_of_this_process_is_on_loopback() throws Exception {
        // DynamoDB Local starts after the ready line: outputs() waits for it
        int dynamoDbPort = URI.create(gatehouse.outputs().dynamoDbEndpoint()).getPort();
        Set<OwnListeningSockets.Listener> listeners = OwnListeningSockets.now();
        Set<Integer> ports = listeners.stream().map(OwnListeningSockets.Listener::port).collect(Collectors.toSet());
        assertTrue(ports.contains(gatehouse.port()), "the API's port " + gatehouse.port() + " in " + listeners);
        assertTrue(ports.contains(dynamoDbPort), "DynamoDB Local's port " + dynamoDbPort + " in " + listeners);
        for (OwnListeningSockets.Listener l : listeners) {
            assertTrue(l.loopback(), "listening on a non-loopback address: " + l + " of " + listeners);
        }
    }
}
