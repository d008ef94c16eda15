package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code POST /notes}: stores a new note of the caller and answers 200 with the stored item. */
public final class CreateNote implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final NotesTable notes;

    public CreateNote() {
        this.notes = NotesTable.fromEnvironment();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(event, context, (request, userId) -> {
            NoteBody body = NoteBody.parse(request.body());
            Map<String, AttributeValue> item = NoteItems.newNote(userId, body, System.currentTimeMillis());
            notes.put(item);
            return ApiResponses.ok(NoteItems.toJson(item));
        });
    }
}
