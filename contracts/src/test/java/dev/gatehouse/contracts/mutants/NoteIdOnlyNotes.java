package dev.gatehouse.contracts.mutants;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/**
 * Planted bug (c): {@code GET/PUT/DELETE /notes/{id}} find the note by its noteId alone (a Scan filtered on noteId),
 * ignoring whose it is; then read, update or delete that item.
 */
public final class NoteIdOnlyNotes extends MutantHandler {
    @Override
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) throws Exception {
        List<Map<String, AttributeValue>> found = dynamoDb.scan(r -> r.tableName(table).consistentRead(true)
                .filterExpression("noteId = :id").expressionAttributeValues(Map.of(":id", s(noteId(event)))))
                .items();
        if (found.isEmpty()) {
            return notFound();
        }
        Map<String, AttributeValue> item = found.get(0);
        Map<String, AttributeValue> key = Map.of("userId", item.get("userId"), "noteId", item.get("noteId"));
        switch (event.getRequestContext().getHttp().getMethod()) {
            case "GET":
                return ok(toJson(item));
            case "DELETE":
                dynamoDb.deleteItem(r -> r.tableName(table).key(key));
                return status();
            default:
                JsonNode body = body(event);
                dynamoDb.updateItem(r -> r.tableName(table).key(key)
                        .updateExpression("SET content = :c, attachment = :a")
                        .expressionAttributeValues(Map.of(":c", s(body.path("content").asText("")),
                                ":a", s(body.path("attachment").asText("")))));
                return status();
        }
    }
}
