package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * {@code DELETE /notes/{id}}: deletes the caller's existing note and answers 200 {@code {"status":true}}; 404 when
 * it does not exist or belongs to someone else.
 */
public final class DeleteNote implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final NotesTable notes;

    public DeleteNote() {
        this.notes = NotesTable.fromEnvironment();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(event, context,
                (request, userId) -> notes.delete(userId, request.pathParameter("id"))
                        ? ApiResponses.status() : ApiResponses.notFound());
    }
}
