package dev.gatehouse.emulator.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.lambda.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Python through Gatehouse's runtime client, and a {@code provided} runtime's own bootstrap (a shell script). */
class PythonAndProvidedRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final List<ProcessFunction> functions = new ArrayList<>();

    @AfterEach
    void close() {
        functions.forEach(ProcessFunction::close);
    }

    private ProcessFunction function(String runtime, String folder, String handler, FunctionHost host) {
        ProcessFunction f = Tools.function(runtime, folder, handler, 10, TIMEOUT, Map.of("STAGE", "test"), host);
        functions.add(f);
        return f;
    }

    private static byte[] event(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void python_handler_gets_the_event_the_context_and_its_log_lines_carry_the_request_id() throws Exception {
        Tools.require(LambdaRuntime.Python.python(), "install python3");
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        FunctionHost host = new FunctionHost("us-east-1", null, Clock.systemUTC(), null,
                (function, requestId, line) -> lines.add(requestId + " " + line));
        ProcessFunction f = function("python3.11", "python", "app.echo", host);
        Invocation invocation = f.invoke(event("{\"message\":\"hi\"}"), TIMEOUT);
        assertEquals(Invocation.Outcome.SUCCESS, invocation.outcome(), () -> String.valueOf(invocation.error()));
        JsonNode out = JSON.readTree(invocation.output());
        assertEquals("hi", out.get("message").asText());
        assertEquals(invocation.awsRequestId(), out.get("awsRequestId").asText());
        assertEquals("app-echo", out.get("functionName").asText());
        long remaining = out.get("remaining").asLong();
        assertTrue(remaining > 0 && remaining <= 30_000, "remaining " + remaining);
        assertEquals("app.echo", out.get("env").get("_HANDLER").asText());
        assertEquals("AWS_Lambda_python3.11", out.get("env").get("AWS_EXECUTION_ENV").asText());
        assertEquals(":UTC", out.get("env").get("TZ").asText());
        JsonNode again = JSON.readTree(f.invoke(event("{\"message\":\"2\"}"), TIMEOUT).output());
        assertEquals(out.get("pid"), again.get("pid"), "the warm environment is reused");

        String id = invocation.awsRequestId();
        String logged = id + " \\[INFO]\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t" + id + "\techo called with hi";
        String printed = id + " printed hi";
        boolean sawLogged = false;
        boolean sawPrinted = false;
        List<String> seen = new ArrayList<>();
        for (String line; !(sawLogged && sawPrinted) && (line = lines.poll(60, TimeUnit.SECONDS)) != null; ) {
            seen.add(line);
            sawLogged |= line.matches(logged);
            sawPrinted |= line.equals(printed);
        }
        assertTrue(sawLogged && sawPrinted, "lines: " + seen);
    }

    @Test
    void python_exception_is_a_function_error_with_type_message_and_stack() {
        Tools.require(LambdaRuntime.Python.python(), "install python3");
        Invocation invocation = function("python3.11", "python", "app.fails", Tools.host()).invoke(event("{}"), TIMEOUT);
        assertEquals(Invocation.Outcome.ERROR, invocation.outcome());
        assertEquals("ValueError", invocation.error().errorType());
        assertEquals("bad value", invocation.error().errorMessage());
        assertTrue(invocation.error().stackTrace().stream().anyMatch(l -> l.contains("app.py")),
                invocation.error().stackTrace().toString());
    }

    @Test
    void python_missing_function_is_an_init_error() {
        Tools.require(LambdaRuntime.Python.python(), "install python3");
        Invocation invocation = function("python3.11", "python", "app.nothing", Tools.host()).invoke(event("{}"), TIMEOUT);
        assertEquals(Invocation.Outcome.ERROR, invocation.outcome());
        assertEquals("Runtime.HandlerNotFound", invocation.error().errorType());
        assertEquals("Handler 'nothing' missing on module 'app'", invocation.error().errorMessage());
    }

    @Test
    void a_provided_runtime_runs_the_functions_own_bootstrap_against_the_runtime_api() throws IOException {
        Tools.require("curl", "install curl");
        ProcessFunction f = function("provided.al2023", "provided", "function.handler", Tools.host());
        Invocation invocation = f.invoke(event("{\"n\":1}"), TIMEOUT);
        assertEquals(Invocation.Outcome.SUCCESS, invocation.outcome(), () -> String.valueOf(invocation.error()));
        JsonNode out = JSON.readTree(invocation.output());
        assertEquals("function.handler", out.get("handler").asText());
        assertEquals(invocation.awsRequestId(), out.get("requestId").asText());
        assertEquals(1, out.get("event").get("n").asInt());
    }
}
