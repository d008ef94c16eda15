package dev.gatehouse.emulator.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * What happened to one call: the request (secrets masked), the auth verdict and its reason, the event handed to the
 * handler, the response, timings.
 *
 * @param kind       {@code api}, {@code cognito-idp}, {@code cognito-identity} or {@code gatehouse}
 * @param operation  the route key of an API call, or the awsJson operation
 * @param verdict    {@code accepted}, {@code refused} or {@code none} (no auth on the route / public operation)
 * @param reason     the machine reason of a refusal (e.g. {@code SIGNATURE_MISMATCH}), or null
 * @param explanation the plain-words cause of a refusal, or null
 * @param invoked    whether a handler ran
 * @param logs       the lines the function logged for this call (empty when it logged none or did not run)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallRecord(
        long sequence,
        String requestId,
        Instant time,
        String kind,
        String method,
        String path,
        String operation,
        String verdict,
        String reason,
        String explanation,
        String errorType,
        String accessKeyId,
        String identityId,
        String user,
        boolean invoked,
        int status,
        double durationMs,
        double handlerMs,
        JsonNode request,
        JsonNode event,
        JsonNode response,
        JsonNode diagnostics,
        List<String> logs) {

    public CallRecord {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /** A record of a call that ran no function (or whose function logged nothing). */
    public CallRecord(long sequence, String requestId, Instant time, String kind, String method, String path,
                      String operation, String verdict, String reason, String explanation, String errorType,
                      String accessKeyId, String identityId, String user, boolean invoked, int status,
                      double durationMs, double handlerMs, JsonNode request, JsonNode event, JsonNode response,
                      JsonNode diagnostics) {
        this(sequence, requestId, time, kind, method, path, operation, verdict, reason, explanation, errorType,
                accessKeyId, identityId, user, invoked, status, durationMs, handlerMs, request, event, response,
                diagnostics, List.of());
    }
}
