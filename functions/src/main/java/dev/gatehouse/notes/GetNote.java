package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /notes/{id}}: 200 with the caller's note; 404 when it does not exist or belongs to someone else. */
public final class GetNote implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final NotesTable notes;

    public GetNote() {
        this.notes = NotesTable.fromEnvironment();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(event, context, (request, userId) -> notes.get(userId, request.pathParameter("id"))
                .map(item -> ApiResponses.ok(NoteItems.toJson(item)))
                .orElseGet(ApiResponses::notFound));
    }
}
