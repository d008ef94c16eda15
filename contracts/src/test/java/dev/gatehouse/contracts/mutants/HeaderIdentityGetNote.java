package dev.gatehouse.contracts.mutants;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Planted bug (e): {@code GET /notes/{id}} takes the user id from an {@code x-user-id} header (for "testing"),
 * falling back to the event's identity.
 */
public final class HeaderIdentityGetNote extends MutantHandler {
    @Override
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String userId = event.getHeaders() == null ? null : event.getHeaders().get("x-user-id");
        String caller = userId != null ? userId : identityId(event);
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("userId", s(caller), "noteId", s(noteId(event))))).item();
        return item == null || item.isEmpty() ? notFound() : ok(toJson(item));
    }
}
