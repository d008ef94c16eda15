package dev.gatehouse.notes;

import static dev.gatehouse.notes.Responses.assertError;
import static dev.gatehouse.notes.Responses.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Captured-shape payload 2.0 events (AWS_IAM route, identity pool credentials) bound with a plain Jackson ObjectMapper,
 * as a host that is not the Lambda runtime would bind them, then replayed against the real handlers.
 */
@ExtendWith(WithDynamoDbLocal.class)
class EventBindingTest {
    private static final String IDENTITY = "us-east-1:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String NOTE_ID = "2f1c6a52-8a3e-4c1b-9d0e-6b7a5f4e3d21";
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void a_plain_object_mapper_binds_identity_body_and_isBase64Encoded() throws IOException {
        APIGatewayV2HTTPEvent update = plain.readValue(fixture("update-note.json"), APIGatewayV2HTTPEvent.class);
        assertEquals(IDENTITY, new ApiEvent(update).identityId().orElseThrow());
        assertEquals("{\"content\":\"updated\",\"attachment\":null}", update.getBody());
        assertFalse(update.getIsBase64Encoded());
        assertEquals(NOTE_ID, update.getPathParameters().get("id"));
        assertEquals("Mc7UVioPPHcEKPA=", update.getRequestContext().getRequestId());
        assertEquals(1773342238000L, update.getRequestContext().getTimeEpoch());

        APIGatewayV2HTTPEvent create = plain.readValue(fixture("create-note-base64.json"), APIGatewayV2HTTPEvent.class);
        assertTrue(create.getIsBase64Encoded(), "isBase64Encoded binds through setIsBase64Encoded");
        assertEquals("{\"content\":\"sent without a Content-Type\",\"attachment\":\"a.png\"}",
                new ApiEvent(create).body().orElseThrow());
    }

    @Test
    void every_field_of_the_fixture_survives_a_round_trip() throws IOException {
        for (String name : new String[] {"update-note.json", "create-note-base64.json"}) {
            JsonNode original = plain.readTree(fixture(name));
            JsonNode roundTrip = plain.valueToTree(plain.treeToValue(original, APIGatewayV2HTTPEvent.class));
            assertEquals(withoutNulls(original), withoutNulls(roundTrip), name);
        }
    }

    @Test
    void fields_the_pojo_does_not_model_need_fail_on_unknown_properties_off() throws IOException {
        ObjectNode mutualTls = (ObjectNode) plain.readTree(fixture("update-note.json"));
        ((ObjectNode) mutualTls.get("requestContext")).putObject("authentication").putObject("clientCert")
                .put("subjectDN", "CN=client");
        assertThrows(UnrecognizedPropertyException.class,
                () -> plain.treeToValue(mutualTls, APIGatewayV2HTTPEvent.class));
        APIGatewayV2HTTPEvent bound = plain.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .treeToValue(mutualTls, APIGatewayV2HTTPEvent.class);
        assertEquals(IDENTITY, new ApiEvent(bound).identityId().orElseThrow());
    }

    @Test
    void captured_events_replay_against_the_real_handlers() throws IOException {
        APIGatewayV2HTTPEvent update = plain.readValue(fixture("update-note.json"), APIGatewayV2HTTPEvent.class);
        assertError(new UpdateNote().handleRequest(update, new TestContext()), 404, "Item not found.");

        JsonNode created = body(new CreateNote().handleRequest(
                plain.readValue(fixture("create-note-base64.json"), APIGatewayV2HTTPEvent.class), null), 200);
        assertEquals(IDENTITY, created.get("userId").asText());
        assertEquals("sent without a Content-Type", created.get("content").asText());

        try (DynamoDbClient dynamoDb = LocalDynamoDb.client()) {
            dynamoDb.putItem(b -> b.tableName(LocalDynamoDb.TABLE).item(Map.of(
                    "userId", AttributeValue.fromS(IDENTITY), "noteId", AttributeValue.fromS(NOTE_ID),
                    "content", AttributeValue.fromS("before"), "attachment", AttributeValue.fromS("b.png"),
                    "createdAt", AttributeValue.fromN("1773342000000"))));
            Responses.assertStatusTrue(new UpdateNote().handleRequest(update, new TestContext()));
            Map<String, AttributeValue> stored = Responses.stored(dynamoDb, IDENTITY, NOTE_ID);
            assertEquals("updated", stored.get("content").s());
            assertFalse(stored.containsKey("attachment"));
        }
    }

    private static InputStream fixture(String name) {
        InputStream in = EventBindingTest.class.getResourceAsStream("/events/apigateway-v2/" + name);
        if (in == null) {
            throw new IllegalArgumentException("No fixture " + name);
        }
        return in;
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        return node;
    }
}
