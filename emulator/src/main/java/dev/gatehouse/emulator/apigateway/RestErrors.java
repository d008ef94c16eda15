package dev.gatehouse.emulator.apigateway;

import dev.gatehouse.emulator.sigv4.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The responses a REST API sends itself (aws-protocols.md C): {@code application/json} bodies
 * {@code {"message": ...}} with {@code x-amzn-ErrorType}, except where AWS is seen to answer otherwise (the policy
 * denial's capitalised {@code Message}, the 10 MB overflow's plain text). The pipeline adds {@code x-amzn-RequestId}
 * and {@code x-amz-apigw-id} to these and to every other response.
 */
public final class RestErrors {
    /** REST APIs name the request in this header: the event's {@code requestContext.requestId} (a UUID). */
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    /** And in this one: the event's {@code requestContext.extendedRequestId}. */
    public static final String EXTENDED_REQUEST_ID_HEADER = "x-amz-apigw-id";

    private RestErrors() {
    }

    /**
     * No resource and method match (a wrong stage included), or an IAM method was called without any signature:
     * {@code 403 {"message":"Missing Authentication Token"}}, {@code MissingAuthenticationTokenException}.
     */
    public static GatewayResponse missingAuthenticationToken() {
        return GatewayErrors.json(403, "Missing Authentication Token", "MissingAuthenticationTokenException");
    }

    /**
     * A refused signature, with AWS's message for the case: the signature mismatch's text with the canonical string
     * and the string to sign, "The security token included in the request is invalid.", the clock-skew texts, ...
     */
    public static GatewayResponse refused(Verdict.Refused refused) {
        return GatewayErrors.json(403, refused.awsMessage(), refused.errorType());
    }

    /**
     * The role policy denies execute-api:Invoke: {@code 403 {"Message": "User: ... on resource: arn:...} with the
     * account in the resource ARN masked but for its last four digits, {@code AccessDeniedException}.
     */
    public static GatewayResponse accessDenied(String denial, String resourceArn, String accountId) {
        String masked = resourceArn.replace(":" + accountId + ":", ":" + maskedAccount(accountId) + ":");
        String body = "{\"Message\":" + JsonText.quote(denial.replace(resourceArn, masked)) + "}";
        return new GatewayResponse(403, List.of(Map.entry("content-type", "application/json"),
                Map.entry(GatewayErrors.ERROR_TYPE_HEADER, "AccessDeniedException")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code ********1234}: how REST APIs print the account of a resource ARN in a denial. */
    static String maskedAccount(String accountId) {
        return "********" + accountId.substring(Math.max(0, accountId.length() - 4));
    }

    /** A body over 10 MB (observed): {@code 413}, {@code text; charset=utf-8}, {@code HTTP content length exceeded 10485760 bytes.} */
    public static GatewayResponse contentLengthExceeded() {
        return new GatewayResponse(413, List.of(Map.entry("content-type", "text; charset=utf-8")),
                ("HTTP content length exceeded " + GatewayLimits.MAX_PAYLOAD_BYTES + " bytes.")
                        .getBytes(StandardCharsets.UTF_8));
    }

    /** An event over Lambda's 6 MB (observed): {@code 413 {"message": "Request Too Long"}}, {@code BadRequestException}. */
    public static GatewayResponse requestTooLong() {
        return GatewayErrors.json(413, "Request Too Long", "BadRequestException");
    }

    /** The function failed or answered a malformed proxy response: {@code 502 {"message": "Internal server error"}}. */
    public static GatewayResponse internalServerError() {
        return GatewayErrors.json(502, "Internal server error", "InternalServerErrorException");
    }

    /** The integration ran past API Gateway's 29 seconds: {@code 504 {"message": "Endpoint request timed out"}}. */
    public static GatewayResponse endpointRequestTimedOut() {
        return GatewayErrors.json(504, "Endpoint request timed out", null);
    }

    /** The response with the request's two id headers. */
    static GatewayResponse withRequestIds(GatewayResponse response, String requestId, String extendedRequestId) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(response.headers());
        headers.add(Map.entry(REQUEST_ID_HEADER, requestId));
        headers.add(Map.entry(EXTENDED_REQUEST_ID_HEADER, extendedRequestId));
        return new GatewayResponse(response.status(), headers, response.body());
    }
}
