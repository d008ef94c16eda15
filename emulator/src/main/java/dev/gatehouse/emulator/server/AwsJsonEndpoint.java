package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.apigateway.GatewayErrors;
import dev.gatehouse.emulator.awsjson.AwsJsonCall;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.awsjson.AwsJsonService;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.CredentialsLookup;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;
import dev.gatehouse.emulator.sigv4.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The awsJson1.1 front door of the Cognito services: picks the service by {@code X-Amz-Target}, parses the body,
 * verifies a SigV4 signature when the call carries one (a call whose signature does not verify is refused, as AWS
 * does), and writes the answer or the error with AWS's headers.
 */
final class AwsJsonEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(AwsJsonEndpoint.class);
    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Target> services = new LinkedHashMap<>();

    private record Target(AwsJsonService service, SigV4Verifier verifier) {
    }

    AwsJsonEndpoint(List<AwsJsonService> services, CredentialsLookup credentials, Clock clock, Clock signatureClock,
                    String region) {
        for (AwsJsonService s : services) {
            this.services.put(s.targetPrefix(), new Target(s, new SigV4Verifier(credentials, clock, signatureClock, region,
                    s.signingName(), SigV4Verifier.Options.aws())));
        }
    }

    /** The outcome of one call, for the response and the record. */
    record Outcome(int status, List<Map.Entry<String, String>> headers, byte[] body, String service,
                   String operation, Verdict verdict, String errorType, String errorMessage, JsonNode input,
                   String reason, String explanation) {
    }

    Outcome handle(IncomingRequest request, String requestId) {
        String target = request.header("X-Amz-Target");
        int dot = target.lastIndexOf('.');
        String prefix = dot < 0 ? target : target.substring(0, dot);
        String operation = dot < 0 ? "" : target.substring(dot + 1);
        Target t = services.get(prefix);
        if (t == null || operation.isEmpty()) {
            return error(requestId, null, operation, null, null,
                    new AwsJsonError("UnknownOperationException", null));
        }
        String service = t.service().signingName();
        JsonNode input;
        try {
            input = request.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(request.body());
        } catch (IOException e) {
            return error(requestId, service, operation, null, null,
                    new AwsJsonError("SerializationException", "Start of structure or map found where not expected."));
        }
        if (input == null || !input.isObject()) {
            return error(requestId, service, operation, null, input,
                    new AwsJsonError("SerializationException", "Start of structure or map found where not expected."));
        }
        Optional<Credentials> signer = Optional.empty();
        Verdict verdict = null;
        if (request.hasHeader("Authorization") || request.rawQuery() != null
                && request.rawQuery().contains("X-Amz-Signature=")) {
            verdict = t.verifier().verify(request);
            if (verdict instanceof Verdict.Refused refused) {
                LOG.warn("{} {}: signature refused: {}", service, operation, refused.explanation());
                return error(requestId, service, operation, verdict, input,
                        new AwsJsonError(refused.errorType(), refused.awsMessage()));
            }
            signer = Optional.of(((Verdict.Accepted) verdict).credentials());
        }
        try {
            Object result = t.service().handle(operation, input,
                    new AwsJsonCall(requestId, signer, request.sourceIp()));
            byte[] body = JSON.writeValueAsBytes(result == null ? JSON.createObjectNode() : result);
            List<Map.Entry<String, String>> headers = baseHeaders(requestId);
            headers.add(Map.entry("Content-Type", "application/x-amz-json-1.1"));
            return new Outcome(200, headers, body, service, operation, verdict, null, null, input, null, null);
        } catch (AwsJsonError e) {
            return error(requestId, service, operation, verdict, input, e);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", service, operation, e);
            return error(requestId, service, operation, verdict, input,
                    new AwsJsonError(500, "InternalErrorException", "An internal error occurred."));
        } catch (IOException e) {
            return error(requestId, service, operation, verdict, input,
                    new AwsJsonError(500, "InternalErrorException", "An internal error occurred."));
        }
    }

    private static List<Map.Entry<String, String>> baseHeaders(String requestId) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("x-amzn-RequestId", requestId));
        headers.add(Map.entry("Access-Control-Allow-Origin", "*"));
        headers.add(Map.entry("Access-Control-Expose-Headers",
                "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date," + GatewayErrors.REASON_HEADER));
        return headers;
    }

    private static Outcome error(String requestId, String service, String operation, Verdict verdict,
                                 JsonNode input, AwsJsonError e) {
        ObjectNode body = JSON.createObjectNode().put("__type", e.type());
        if (e.getMessage() != null) {
            body.put("message", e.getMessage());
        }
        List<Map.Entry<String, String>> headers = baseHeaders(requestId);
        headers.add(Map.entry("Content-Type", "application/x-amz-json-1.1"));
        headers.add(Map.entry("x-amzn-ErrorType", e.type() + ":"));
        if (e.getMessage() != null) {
            headers.add(Map.entry("x-amzn-ErrorMessage", singleLine(e.getMessage())));
        }
        if (e.reason() != null) {
            headers.add(Map.entry(GatewayErrors.REASON_HEADER, GatewayErrors.reason(e.reason(), e.explanation())));
        }
        return new Outcome(e.status(), headers, body.toString().getBytes(StandardCharsets.UTF_8), service, operation,
                verdict, e.type(), e.getMessage(), input, e.reason(), e.explanation());
    }

    static String singleLine(String s) {
        String flat = s.replaceAll("[\\r\\n]+", " ").replaceAll("[^\\x20-\\x7e]", "?");
        return flat.length() > 1000 ? flat.substring(0, 1000) : flat;
    }

    /** CORS preflight for browser clients (amazon-cognito-identity-js sends mode: 'cors'). */
    static List<Map.Entry<String, String>> preflightHeaders(IncomingRequest request) {
        String requested = request.header("Access-Control-Request-Headers");
        return List.of(
                Map.entry("Access-Control-Allow-Origin", "*"),
                Map.entry("Access-Control-Allow-Methods", "POST, OPTIONS"),
                Map.entry("Access-Control-Allow-Headers", requested != null ? requested
                        : "content-type,x-amz-target,x-amz-user-agent,authorization,x-amz-date,x-amz-security-token"),
                Map.entry("Access-Control-Max-Age", "172800"));
    }
}
