package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /notes}: 200 with all of the caller's notes (every page of the query), newest first. */
public final class ListNotes implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final NotesTable notes;

    public ListNotes() {
        this.notes = NotesTable.fromEnvironment();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(event, context, (request, userId) -> ApiResponses.ok(
                NoteItems.newestFirst(notes.list(userId)).stream()
                .map(NoteItems::toJson)
                .toList()));
    }
}
