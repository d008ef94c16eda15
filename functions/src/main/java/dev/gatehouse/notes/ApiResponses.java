package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Payload 2.0 responses: a JSON body, Content-Type application/json and the guide's CORS headers. */
final class ApiResponses {
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Type", "application/json",
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Allow-Credentials", "true");

    private ApiResponses() {
    }

    static APIGatewayV2HTTPResponse ok(Object body) {
        return json(200, body);
    }

    static APIGatewayV2HTTPResponse status() {
        return json(200, Map.of("status", true));
    }

    static APIGatewayV2HTTPResponse error(int statusCode, String message) {
        return json(statusCode, Map.of("error", message));
    }

    static APIGatewayV2HTTPResponse notFound() {
        return error(404, "Item not found.");
    }

    private static APIGatewayV2HTTPResponse json(int statusCode, Object body) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the response body as JSON", e);
        }
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(statusCode);
        response.setHeaders(new LinkedHashMap<>(HEADERS));
        response.setBody(text);
        response.setIsBase64Encoded(false);
        return response;
    }
}
