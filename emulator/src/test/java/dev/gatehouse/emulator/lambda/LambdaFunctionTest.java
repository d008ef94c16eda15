package dev.gatehouse.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LambdaFunctionTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EVENT = """
            {"version":"2.0","routeKey":"GET /notes/{id}","rawPath":"/notes/n1","rawQueryString":"",
             "headers":{"host":"127.0.0.1"},"body":"aGVsbG8=","isBase64Encoded":true,
             "requestContext":{"accountId":"123456789012","apiId":"gh0notes01","http":{"method":"GET","path":"/notes/n1"},
               "authorizer":{"iam":{"accessKey":"ASIAEXAMPLE","accountId":"123456789012","callerId":"AROA:Cognito",
                 "cognitoIdentity":{"amr":["authenticated"],"identityId":"us-east-1:0f1e2d3c-aaaa-bbbb-cccc-000000000001",
                   "identityPoolId":"us-east-1:pool"},"principalOrgId":null,"userArn":"arn:aws:sts::123456789012:assumed-role/r/s",
                 "userId":"AROA:Cognito"}},
               "requestId":"abc","stage":"$default","time":"01/Jan/2026:00:00:00 +0000","timeEpoch":1767225600000},
             "pathParameters":{"id":"n1"},"someFutureField":{"x":1}}""";

    static LambdaEnvironment environment;

    @BeforeAll
    static void environment() {
        environment = new LambdaEnvironment("eu-west-1", null);
    }

    @AfterAll
    static void restore() {
        environment.close();
    }

    static FunctionConfiguration config(String handler, Duration timeout) {
        return new FunctionConfiguration(FunctionConfiguration.defaultName(handler), handler, "GET /notes/{id}",
                timeout, 512, Map.of("TABLE_NAME", "notes-test"), "eu-west-1", "123456789012");
    }

    static LambdaFunction function(Class<?> handler) {
        return new LambdaFunction(config(handler.getName(), Duration.ofSeconds(10)), environment);
    }

    static JsonNode json(byte[] bytes) throws Exception {
        return JSON.readTree(bytes);
    }

    @Test
    void a_payload_2_event_binds_and_the_result_comes_back_as_json() throws Exception {
        try (LambdaFunction echo = function(TestHandlers.Echo.class)) {
            Invocation invocation = echo.invoke(EVENT.getBytes(StandardCharsets.UTF_8));
            assertTrue(invocation.succeeded(), invocation::toString);
            JsonNode out = json(invocation.output());
            assertEquals("us-east-1:0f1e2d3c-aaaa-bbbb-cccc-000000000001", out.get("identityId").asText());
            assertEquals("aGVsbG8=", out.get("body").asText());
            assertTrue(out.get("isBase64Encoded").asBoolean());
            assertFalse(out.has("nothing"), "nulls are omitted, as by the Lambda runtime: " + out);
            assertEquals(invocation.awsRequestId(), out.get("requestId").asText());
        }
    }

    @Test
    void the_context_describes_the_function() throws Exception {
        try (LambdaFunction echo = function(TestHandlers.Echo.class)) {
            JsonNode out = json(echo.invoke(EVENT.getBytes(StandardCharsets.UTF_8)).output());
            assertEquals("TestHandlers-Echo", out.get("functionName").asText());
            assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:TestHandlers-Echo", out.get("arn").asText());
            assertEquals("$LATEST", out.get("version").asText());
            assertEquals(512, out.get("memory").asInt());
            assertEquals("/aws/lambda/TestHandlers-Echo", out.get("logGroup").asText());
        }
    }

    @Test
    void the_function_environment_and_lambda_settings_are_system_properties() throws Exception {
        try (LambdaFunction echo = function(TestHandlers.Echo.class)) {
            JsonNode out = json(echo.invoke(EVENT.getBytes(StandardCharsets.UTF_8)).output());
            assertEquals("notes-test", out.get("TABLE_NAME").asText());
            assertEquals("TestHandlers-Echo", System.getProperty("AWS_LAMBDA_FUNCTION_NAME"));
            assertEquals("512", System.getProperty("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
            assertEquals("eu-west-1", System.getProperty("AWS_REGION"));
            assertEquals("eu-west-1", System.getProperty("aws.region"));
            assertEquals(LambdaEnvironment.LOCAL_ACCESS_KEY_ID, System.getProperty("aws.accessKeyId"));
        }
    }

    @Test
    void an_api_gateway_response_is_serialized_with_lambda_names() throws Exception {
        try (LambdaFunction respond = function(TestHandlers.Respond.class)) {
            JsonNode out = json(respond.invoke(EVENT.getBytes(StandardCharsets.UTF_8)).output());
            assertEquals(201, out.get("statusCode").asInt());
            assertEquals("aGVsbG8=", out.get("body").asText());
            assertFalse(out.get("isBase64Encoded").asBoolean());
            assertFalse(out.has("headers"), out.toString());
        }
    }

    @Test
    void a_stream_handler_gets_and_returns_raw_bytes() {
        try (LambdaFunction upper = function(TestHandlers.Upper.class)) {
            Invocation invocation = upper.invoke("{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals("{\"A\":\"B\"}", invocation.outputText());
        }
    }

    @Test
    void a_method_handler_is_called_with_its_input_type() {
        try (LambdaFunction plain = function(TestHandlers.Plain.class)) {
            LambdaFunction greet = new LambdaFunction(
                    config(TestHandlers.Plain.class.getName() + "::greet", Duration.ofSeconds(5)), environment);
            assertEquals("\"hello ann from TestHandlers-Plain\"",
                    greet.invoke("\"ann\"".getBytes(StandardCharsets.UTF_8)).outputText());
            greet.close();
        }
    }

    @Test
    void an_exception_becomes_a_lambda_error() throws Exception {
        try (LambdaFunction fails = function(TestHandlers.Fails.class)) {
            Invocation invocation = fails.invoke("{}".getBytes(StandardCharsets.UTF_8));
            assertEquals(Invocation.Outcome.ERROR, invocation.outcome());
            JsonNode error = json(invocation.payload());
            assertEquals("note not found", error.get("errorMessage").asText());
            assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
            assertTrue(error.get("stackTrace").get(0).asText().startsWith(TestHandlers.Fails.class.getName()
                    + ".handleRequest(TestHandlers.java:"), error.toString());
            assertEquals("bad id", error.get("cause").get("errorMessage").asText());
        }
    }

    @Test
    void an_event_that_does_not_bind_is_an_error_not_a_crash() {
        try (LambdaFunction echo = function(TestHandlers.Echo.class)) {
            Invocation invocation = echo.invoke("not json".getBytes(StandardCharsets.UTF_8));
            assertEquals(Invocation.Outcome.ERROR, invocation.outcome());
            assertTrue(invocation.error().errorType().contains("jackson"), invocation::toString);
        }
    }

    @Test
    void a_handler_past_its_timeout_is_timed_out_and_interrupted() throws Exception {
        try (LambdaFunction hangs = function(TestHandlers.Hangs.class)) {
            Invocation invocation = hangs.invoke("{}".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(100));
            assertEquals(Invocation.Outcome.TIMED_OUT, invocation.outcome());
            assertEquals("Task timed out after 0.10 seconds", invocation.error().errorMessage());
            assertNull(invocation.output());
            assertTrue(TestHandlers.Hangs.INTERRUPTED.await(10, java.util.concurrent.TimeUnit.SECONDS),
                    "the handler thread was interrupted");
        }
    }

    @Test
    void the_remaining_time_decreases_and_the_handler_runs_on_a_named_daemon_thread() throws Exception {
        try (LambdaFunction clock = function(TestHandlers.Clock.class)) {
            JsonNode out = json(clock.invoke("{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30)).output());
            int first = out.get("first").asInt();
            assertTrue(first <= 30_000 && first > 0, out.toString());
            assertTrue(out.get("second").asInt() < first, out.toString());
            assertTrue(out.get("thread").asText().startsWith("lambda-TestHandlers-Clock-"), out.toString());
            assertTrue(out.get("daemon").asBoolean());
        }
    }

    @Test
    void a_missing_class_is_a_configuration_error_naming_route_and_class() {
        LambdaFunction missing = new LambdaFunction(config("dev.gatehouse.nowhere.Missing", Duration.ofSeconds(1)),
                environment);
        String message = assertThrows(FunctionConfigurationException.class, missing::warm).getMessage();
        assertTrue(message.contains("GET /notes/{id}") && message.contains("dev.gatehouse.nowhere.Missing"), message);
    }

    @Test
    void a_class_that_is_not_a_handler_is_refused() {
        String message = assertThrows(FunctionConfigurationException.class,
                () -> function(TestHandlers.NotAHandler.class).warm()).getMessage();
        assertTrue(message.contains("implements neither") && message.contains("NotAHandler"), message);
        message = assertThrows(FunctionConfigurationException.class,
                () -> function(TestHandlers.NoDefaultConstructor.class).invoke(new byte[0])).getMessage();
        assertTrue(message.contains("no public no-argument constructor"), message);
        message = assertThrows(FunctionConfigurationException.class, () -> new LambdaFunction(
                config(TestHandlers.Plain.class.getName() + "::absent", Duration.ofSeconds(1)), environment).warm())
                .getMessage();
        assertTrue(message.contains("no public method absent"), message);
    }
}
