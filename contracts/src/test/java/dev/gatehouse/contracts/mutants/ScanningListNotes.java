package dev.gatehouse.contracts.mutants;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** Planted bug (b): {@code GET /notes} scans the whole table instead of querying the caller's partition. */
public final class ScanningListNotes extends MutantHandler {
    @Override
    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return ok(newestFirst(dynamoDb.scan(r -> r.tableName(table).consistentRead(true)).items()));
    }
}
