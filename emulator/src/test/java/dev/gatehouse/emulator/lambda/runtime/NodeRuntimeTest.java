package dev.gatehouse.emulator.lambda.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.lambda.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Node.js functions through the Runtime API, in execution environment processes, as Lambda runs them. */
class NodeRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ProcessFunction> functions = new ArrayList<>();

    @BeforeAll
    static void node() {
        Tools.require("node", "install Node.js (apt-get install nodejs)");
    }

    @AfterEach
    void close() {
        functions.forEach(ProcessFunction::close);
    }

    private ProcessFunction function(String folder, String handler, int reserved, Duration timeout) {
        return function(folder, handler, reserved, timeout, Tools.host());
    }

    private ProcessFunction function(String folder, String handler, int reserved, Duration timeout, FunctionHost host) {
        ProcessFunction f = Tools.function("nodejs20.x", folder, handler, reserved, timeout,
                Map.of("GREETING", "hello", "AWS_REGION", "eu-west-3"), host);
        functions.add(f);
        return f;
    }

    private static byte[] event(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode output(Invocation invocation) throws IOException {
        assertEquals(Invocation.Outcome.SUCCESS, invocation.outcome(), () -> String.valueOf(invocation.error()));
        return JSON.readTree(invocation.output());
    }

    @Test
    void esm_handler_gets_the_event_the_context_and_lambdas_environment() throws IOException {
        FunctionHost host = new FunctionHost("us-east-1", URI.create("http://127.0.0.1:8000"), Clock.systemUTC(), null);
        ProcessFunction f = function("node/esm", "handlers.echo", 10, Duration.ofSeconds(30), host);
        Invocation invocation = f.invoke(event("{\"message\":\"hi\"}"), Duration.ofSeconds(30));
        JsonNode out = output(invocation);
        assertEquals("hi", out.get("message").asText());
        assertEquals(invocation.awsRequestId(), out.get("awsRequestId").asText());
        assertEquals("handlers-echo", out.get("functionName").asText());
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:handlers-echo",
                out.get("invokedFunctionArn").asText());
        assertEquals("256", out.get("memoryLimitInMB").asText());
        assertTrue(out.get("callbackWaitsForEmptyEventLoop").asBoolean());
        long remaining = out.get("remaining").asLong();
        assertTrue(remaining > 0 && remaining <= 30_000, "remaining " + remaining);
        JsonNode env = out.get("env");
        assertEquals("handlers-echo", env.get("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION").asText());
        assertEquals("256", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
        assertEquals("/aws/lambda/handlers-echo", env.get("AWS_LAMBDA_LOG_GROUP_NAME").asText());
        assertTrue(env.get("AWS_LAMBDA_LOG_STREAM_NAME").asText().matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"));
        assertEquals("us-east-1", env.get("AWS_REGION").asText(), "reserved variables win over the configuration");
        assertEquals("us-east-1", env.get("AWS_DEFAULT_REGION").asText());
        assertTrue(env.get("AWS_LAMBDA_RUNTIME_API").asText().startsWith("127.0.0.1:"));
        assertEquals(Tools.code("node/esm").toString(), env.get("LAMBDA_TASK_ROOT").asText());
        assertEquals("handlers.echo", env.get("_HANDLER").asText());
        assertEquals(":UTC", env.get("TZ").asText());
        assertEquals("AWS_Lambda_nodejs20.x", env.get("AWS_EXECUTION_ENV").asText());
        assertEquals("http://127.0.0.1:8000", env.get("AWS_ENDPOINT_URL_DYNAMODB").asText());
        assertEquals("hello", env.get("GREETING").asText());
        assertTrue(env.has("AWS_ACCESS_KEY_ID") && env.has("AWS_SECRET_ACCESS_KEY"));
    }

    @Test
    void a_warm_environment_is_reused_and_its_init_runs_once() throws IOException {
        ProcessFunction f = function("node/esm", "handlers.echo", 10, Duration.ofSeconds(30));
        JsonNode first = output(f.invoke(event("{\"message\":\"1\"}"), Duration.ofSeconds(30)));
        JsonNode second = output(f.invoke(event("{\"message\":\"2\"}"), Duration.ofSeconds(30)));
        assertEquals(first.get("pid"), second.get("pid"));
        assertEquals(first.get("startedAt"), second.get("startedAt"));
        assertEquals(2, second.get("invocations").asInt());
    }

    @Test
    void console_lines_carry_the_request_id() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        FunctionHost host = new FunctionHost("us-east-1", null, Clock.systemUTC(), null,
                (function, requestId, line) -> lines.add(function + " " + requestId + " " + line));
        ProcessFunction f = function("node/esm", "handlers.echo", 10, Duration.ofSeconds(30), host);
        Invocation invocation = f.invoke(event("{\"message\":\"logged\"}"), Duration.ofSeconds(30));
        output(invocation);
        String id = invocation.awsRequestId();
        // the output pipe is read on its own thread: wait for the line (an event), at most a minute
        String expected = "handlers-echo " + id + " \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\t" + id
                + "\tINFO\techo called with logged";
        List<String> seen = new ArrayList<>();
        for (String line; (line = lines.poll(60, TimeUnit.SECONDS)) != null; ) {
            seen.add(line);
            if (line.matches(expected)) {
                return;
            }
        }
        throw new AssertionError("no line " + expected + " in " + seen);
    }

    @Test
    void the_execution_roles_credentials_are_renewed_by_a_fresh_environment_before_they_expire() throws IOException {
        ControlledClock clock = new ControlledClock();
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        FunctionHost host = new FunctionHost("us-east-1", null, clock, ExecutionRole.issuer("123456789012", store));
        ProcessFunction f = function("node/esm", "handlers.echo", 10, Duration.ofSeconds(30), host);
        JsonNode first = output(f.invoke(event("{\"message\":\"1\"}"), Duration.ofSeconds(30)));
        String key = first.get("env").get("AWS_ACCESS_KEY_ID").asText();
        Credentials issued = store.find(key).orElseThrow();
        assertTrue(issued.temporary() && key.startsWith("ASIA"), key);
        assertEquals("arn:aws:sts::123456789012:assumed-role/gatehouse-lambda-execution-role/CognitoIdentityCredentials",
                issued.principal().arn());

        clock.offset(Duration.ofHours(6).minusMinutes(4)); // less than 5 minutes left
        JsonNode renewed = output(f.invoke(event("{\"message\":\"2\"}"), Duration.ofSeconds(30)));
        assertNotEquals(first.get("pid"), renewed.get("pid"), "a new environment");
        String newKey = renewed.get("env").get("AWS_ACCESS_KEY_ID").asText();
        assertNotEquals(key, newKey);
        assertTrue(store.find(newKey).orElseThrow().expiration().isAfter(clock.instant().plus(Duration.ofHours(5))));
    }

    @Test
    void a_function_error_is_reported_with_type_message_and_stack() {
        Invocation invocation = function("node/esm", "handlers.fails", 10, Duration.ofSeconds(30))
                .invoke(event("{}"), Duration.ofSeconds(30));
        assertEquals(Invocation.Outcome.ERROR, invocation.outcome());
        assertEquals("TypeError", invocation.error().errorType());
        assertEquals("the note is not valid", invocation.error().errorMessage());
        assertTrue(invocation.error().stackTrace().get(0).startsWith("TypeError: the note is not valid"),
                invocation.error().stackTrace().toString());
    }

    @Test
    void commonjs_callback_cjs_mjs_and_nested_exports_load_as_on_lambda() throws IOException {
        Duration t = Duration.ofSeconds(30);
        assertEquals("{\"style\":\"callback\",\"value\":42}", output(function("node/cjs", "callback.handler", 10, t)
                .invoke(event("{\"value\":21}"), t)).toString());
        assertEquals("{\"module\":\"cjs\"}", output(function("node/cjs", "explicit.handler", 10, t)
                .invoke(event("{}"), t)).toString());
        assertEquals("{\"module\":\"mjs\"}", output(function("node/cjs", "module.handler", 10, t)
                .invoke(event("{}"), t)).toString());
        assertEquals("\"nested export\"", output(function("node/esm", "handlers.nested.deeper.handler", 10, t)
                .invoke(event("{}"), t)).toString());
        Invocation failed = function("node/cjs", "callback.failing", 10, t).invoke(event("{}"), t);
        assertEquals("callback error", failed.error().errorMessage());
    }

    @Test
    void a_missing_export_or_a_failing_module_is_an_init_error_naming_it() {
        Duration t = Duration.ofSeconds(30);
        Invocation missing = function("node/esm", "handlers.nothing", 10, t).invoke(event("{}"), t);
        assertEquals(Invocation.Outcome.ERROR, missing.outcome());
        assertEquals("Runtime.HandlerNotFound", missing.error().errorType());
        assertEquals("handlers.nothing is undefined or not exported", missing.error().errorMessage());
        Invocation throwing = function("node/cjs", "throws-at-init.handler", 10, t).invoke(event("{}"), t);
        assertEquals(Invocation.Outcome.ERROR, throwing.outcome());
        assertEquals("init failed on purpose", throwing.error().errorMessage());
    }

    @Test
    void a_handler_past_its_timeout_is_stopped_and_the_next_call_gets_a_fresh_environment() throws Exception {
        ProcessFunction f = function("node/esm", "handlers.sleeps", 10, Duration.ofSeconds(1));
        f.warm();
        List<Long> before = f.processIds();
        assertEquals(1, before.size(), "one environment started");
        Invocation timedOut = f.invoke(event("{\"millis\":60000}"), Duration.ofSeconds(1));
        assertEquals(Invocation.Outcome.TIMED_OUT, timedOut.outcome());
        assertEquals("Task timed out after 1.00 seconds", timedOut.error().errorMessage());
        assertFalse(ProcessHandle.of(before.get(0)).map(ProcessHandle::isAlive).orElse(false), "the process is killed");

        JsonNode next = output(f.invoke(event("{\"millis\":0}"), Duration.ofSeconds(30)));
        assertNotEquals(before.get(0), next.get("pid").asLong());
    }

    @Test
    void an_environment_killed_mid_call_fails_that_call_and_is_replaced() throws Exception {
        ProcessFunction f = function("node/esm", "handlers.signalsThenSleeps", 10, Duration.ofSeconds(60));
        try (Signals signals = new Signals()) {
            CompletableFuture<Invocation> call = Signals.inBackground(() -> f.invoke(
                    event("{\"millis\":60000,\"signalUrl\":\"" + signals.url() + "\"}"), Duration.ofSeconds(60)));
            long pid = signals.awaitPid();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            Invocation killed = call.join();
            assertEquals(Invocation.Outcome.ERROR, killed.outcome());
            assertEquals("Runtime.ExitError", killed.error().errorType());
            assertEquals("RequestId: " + killed.awsRequestId() + " Error: Runtime exited with error: signal: killed",
                    killed.error().errorMessage());

            CompletableFuture<Invocation> next = Signals.inBackground(() -> f.invoke(
                    event("{\"millis\":0,\"signalUrl\":\"" + signals.url() + "\"}"), Duration.ofSeconds(60)));
            assertNotEquals(pid, signals.awaitPid());
            assertEquals(Invocation.Outcome.SUCCESS, next.join().outcome());
        }
    }

    @Test
    void a_runtime_that_exits_fails_the_call_with_its_exit_status() {
        Invocation exited = function("node/esm", "handlers.exits", 10, Duration.ofSeconds(30))
                .invoke(event("{}"), Duration.ofSeconds(30));
        assertEquals(Invocation.Outcome.ERROR, exited.outcome());
        assertTrue(exited.error().errorMessage().endsWith("Runtime exited with error: exit status 3"),
                exited.error().errorMessage());
    }

    @Test
    void environments_grow_to_reserved_concurrency_then_calls_are_throttled() throws Exception {
        ProcessFunction f = function("node/esm", "handlers.signalsThenSleeps", 2, Duration.ofSeconds(60));
        try (Signals signals = new Signals()) {
            String slow = "{\"millis\":60000,\"signalUrl\":\"" + signals.url() + "\"}";
            CompletableFuture<Invocation> a = Signals.inBackground(() -> f.invoke(event(slow), Duration.ofSeconds(60)));
            CompletableFuture<Invocation> b = Signals.inBackground(() -> f.invoke(event(slow), Duration.ofSeconds(60)));
            long pidA = signals.awaitPid();
            long pidB = signals.awaitPid();
            assertNotEquals(pidA, pidB, "one invocation at a time per environment");
            Invocation third = f.invoke(event(slow), Duration.ofSeconds(60));
            assertEquals(Invocation.Outcome.THROTTLED, third.outcome());
            assertEquals("TooManyRequestsException", third.error().errorType());
            f.close();
            assertEquals(Invocation.Outcome.ERROR, a.join().outcome());
            assertEquals(Invocation.Outcome.ERROR, b.join().outcome());
            assertFalse(ProcessHandle.of(pidA).map(ProcessHandle::isAlive).orElse(false));
            assertFalse(ProcessHandle.of(pidB).map(ProcessHandle::isAlive).orElse(false));
        }
    }
}
