package dev.gatehouse.contracts.mutants;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Planted bug (d): the guide's {@code PUT /notes/{id}}: UpdateItem on the caller's key with no condition, so a PUT
 * on a note the caller does not have creates a phantom one, and answers 200.
 */
public final class UpsertUpdateNote extends MutantHandler {
    @Override
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) throws Exception {
        JsonNode body = body(event);
        dynamoDb.updateItem(r -> r.tableName(table)
                .key(Map.of("userId", s(identityId(event)), "noteId", s(noteId(event))))
                .updateExpression("SET content = :c, attachment = :a")
                .expressionAttributeValues(Map.of(":c", s(body.path("content").asText("")),
                        ":a", s(body.path("attachment").asText("")))));
        return status();
    }
}
