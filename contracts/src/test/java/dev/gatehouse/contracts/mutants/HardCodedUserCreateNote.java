package dev.gatehouse.contracts.mutants;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Planted bug (a): {@code POST /notes} from before the guide's "secure the API" chapter: every note is user "123"'s. */
public final class HardCodedUserCreateNote extends MutantHandler {
    @Override
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) throws Exception {
        JsonNode body = body(event);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("userId", s("123"));
        item.put("noteId", s(UUID.randomUUID().toString()));
        item.put("content", s(body.path("content").asText("")));
        item.put("attachment", s(body.path("attachment").asText("")));
        item.put("createdAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis())));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
        return ok(toJson(item));
    }
}
