package dev.gatehouse.emulator.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.lambda.FunctionConfiguration;
import dev.gatehouse.emulator.lambda.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java17} with {@code "isolation": "process"}: AWS's runtime interface client runs the handler in its own JVM. */
class JavaOutOfProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private ProcessFunction function;

    @AfterEach
    void close() {
        if (function != null) {
            function.close();
        }
    }

    @Test
    void a_java_handler_runs_in_its_own_jvm_through_the_runtime_interface_client() throws Exception {
        String handler = JavaEcho.class.getName() + "::handleRequest";
        GatehouseConfig.Code code = new GatehouseConfig.Code("java17", null, 10, "process");
        function = new ProcessFunction(new FunctionConfiguration("JavaEcho", handler, "POST /java", TIMEOUT, 512,
                Map.of(), "us-east-1", "123456789012"), code, Tools.host());
        Invocation invocation = function.invoke("{\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8), TIMEOUT);
        assertEquals(Invocation.Outcome.SUCCESS, invocation.outcome(), () -> String.valueOf(invocation.error()));
        JsonNode out = new ObjectMapper().readTree(invocation.output());
        assertEquals("hi", out.get("message").asText());
        assertNotEquals(ProcessHandle.current().pid(), out.get("pid").asLong(), "another process");
        assertEquals(invocation.awsRequestId(), out.get("awsRequestId").asText());
        assertEquals("JavaEcho", out.get("functionName").asText());
        assertEquals(handler, out.get("handler").asText());
        assertTrue(out.get("remaining").asLong() > 0);

        Invocation failed = function.invoke("{\"message\":\"fail\"}".getBytes(StandardCharsets.UTF_8), TIMEOUT);
        assertEquals(Invocation.Outcome.ERROR, failed.outcome());
        assertEquals("java.lang.IllegalArgumentException", failed.error().errorType());
        assertEquals("asked to fail", failed.error().errorMessage());
    }
}
