package dev.gatehouse.notes;

import static dev.gatehouse.notes.Responses.assertError;
import static dev.gatehouse.notes.Responses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad bodies give 400, a missing identity 401, the unexpected 500; base64 bodies are decoded. */
@ExtendWith(WithDynamoDbLocal.class)
class NoteInputTest {
    private final String user = Events.newIdentityId();

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"content\":                        | Request body is not valid JSON: ",
        "not json                             | Request body is not valid JSON: ",
        "{\"content\":\"a\"} trailing          | Request body is not valid JSON: ",
        "[\"content\"]                        | Request body must be a JSON object, not an array",
        "\"text\"                             | Request body must be a JSON object, not a string",
        "null                                 | Request body must be a JSON object, not null",
        "{\"content\":42}                     | Field content must be a string or null, not a number",
        "{\"content\":\"a\",\"attachment\":{}} | Field attachment must be a string or null, not an object",
        "{\"attachment\":true}                | Field attachment must be a string or null, not a boolean",
    })
    void bad_bodies_are_refused_with_400(String body, String expectedStart) {
        for (APIGatewayV2HTTPResponse response : new APIGatewayV2HTTPResponse[] {
                new CreateNote().handleRequest(Events.create(user, body), null),
                new UpdateNote().handleRequest(Events.update(user, "some-note", body), null)}) {
            JsonNode error = body(response, 400);
            assertTrue(error.get("error").asText().startsWith(expectedStart), error::toString);
        }
        assertEquals("[]", body(new ListNotes().handleRequest(Events.list(user), null), 200).toString());
    }

    @Test
    void a_note_too_large_for_one_item_is_refused_with_400() {
        String body = "{\"content\":\"" + "x".repeat(NoteBody.MAX_NOTE_BYTES) + "\",\"attachment\":\"y\"}";
        assertError(new CreateNote().handleRequest(Events.create(user, body), null), 400,
                "content and attachment together must be at most 400000 bytes (UTF-8), got 400001");
    }

    @Test
    void a_base64_body_is_decoded() {
        APIGatewayV2HTTPEvent event = Events.create(user, Base64.getEncoder().encodeToString(
                "{\"content\":\"caf\u00e9 \u2615\"}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        JsonNode note = body(new CreateNote().handleRequest(event, null), 200);
        assertEquals("caf\u00e9 \u2615", note.get("content").asText());
    }

    @Test
    void a_body_marked_base64_that_is_not_is_refused_with_400() {
        APIGatewayV2HTTPEvent event = Events.create(user, "{\"content\":\"x\"}");
        event.setIsBase64Encoded(true);
        assertError(new CreateNote().handleRequest(event, null), 400,
                "Request body is marked isBase64Encoded but is not valid base64");
    }

    @Test
    void no_identity_is_refused_with_401_by_every_function() {
        APIGatewayV2HTTPEvent noCognito = Events.create(null, "{}");
        APIGatewayV2HTTPEvent blank = Events.create(" ", "{}");
        APIGatewayV2HTTPEvent noAuthorizer = Events.create(user, "{}");
        noAuthorizer.getRequestContext().setAuthorizer(null);
        APIGatewayV2HTTPEvent noIam = Events.create(user, "{}");
        noIam.getRequestContext().getAuthorizer().setIam(null);
        APIGatewayV2HTTPEvent noContext = Events.create(user, "{}");
        noContext.setRequestContext(null);
        APIGatewayV2HTTPEvent identityInHeaderOnly = Events.create(null, "{\"userId\":\"" + user + "\"}");
        identityInHeaderOnly.setHeaders(java.util.Map.of("x-identity-id", user));

        for (APIGatewayV2HTTPEvent event : new APIGatewayV2HTTPEvent[] {
                noCognito, blank, noAuthorizer, noIam, noContext, identityInHeaderOnly}) {
            assertUnauthorized(new CreateNote().handleRequest(event, null));
        }
        assertUnauthorized(new CreateNote().handleRequest(null, null));
        assertUnauthorized(new GetNote().handleRequest(Events.get(null, "n"), null));
        assertUnauthorized(new ListNotes().handleRequest(Events.list(null), null));
        assertUnauthorized(new UpdateNote().handleRequest(Events.update(null, "n", "{}"), null));
        assertUnauthorized(new DeleteNote().handleRequest(Events.delete(null, "n"), null));
        assertEquals("[]", body(new ListNotes().handleRequest(Events.list(user), null), 200).toString());
    }

    @Test
    void a_missing_path_parameter_is_refused_with_400() {
        assertError(new GetNote().handleRequest(Events.get(user, null), null), 400, "Missing path parameter: id");
    }

    @Test
    void the_unexpected_is_a_500_logged_with_the_request_id() {
        GetNote handler;
        System.setProperty("TABLE_NAME", "no-such-table");
        try {
            handler = new GetNote();
        } finally {
            System.setProperty("TABLE_NAME", LocalDynamoDb.TABLE);
        }
        APIGatewayV2HTTPEvent event = Events.get(user, "n");
        TestContext context = new TestContext();

        JsonNode error = body(handler.handleRequest(event, context), 500);

        assertTrue(error.get("error").asText().contains("non-existent table"), error::toString);
        assertEquals(1, context.logged.size());
        assertTrue(context.logged.get(0).contains(event.getRequestContext().getRequestId()));
        assertTrue(context.logged.get(0).contains(context.awsRequestId));
    }

    private static void assertUnauthorized(APIGatewayV2HTTPResponse response) {
        assertTrue(body(response, 401).get("error").asText().startsWith("No caller identity in the event"));
    }
}
