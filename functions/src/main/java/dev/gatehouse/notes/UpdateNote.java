package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * {@code PUT /notes/{id}}: replaces content and attachment of the caller's existing note (a field left out or null is
 * removed) and answers 200 {@code {"status":true}}; 404 and nothing written when the note does not exist or belongs
 * to someone else.
 */
public final class UpdateNote implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final NotesTable notes;

    public UpdateNote() {
        this.notes = NotesTable.fromEnvironment();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(event, context, (request, userId) -> {
            String noteId = request.pathParameter("id");
            NoteBody body = NoteBody.parse(request.body());
            return notes.update(userId, noteId, body) ? ApiResponses.status() : ApiResponses.notFound();
        });
    }
}
