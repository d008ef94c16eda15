package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the Lambda proxy integration event of a REST API (payload format 1.0, aws-protocols.md A.3), in the shape of
 * AWS's documented sample ("Input format of a Lambda function for proxy integration"): {@code resource} (the resource
 * path, e.g. {@code /notes/{id}}), {@code path} (without the stage), {@code httpMethod}, {@code headers} (names as sent,
 * the last value of a repeated header) and {@code multiValueHeaders}, {@code queryStringParameters} (the last value of
 * a repeated name, as AWS's sample shows) and {@code multiValueQueryStringParameters}, {@code pathParameters},
 * {@code stageVariables}, {@code requestContext} (with {@code path} including the stage and {@code identity}), {@code body}
 * and {@code isBase64Encoded}. Absent parts are {@code null}, as in AWS's samples.
 *
 * <p>Choices where AWS is not documented: the body is always UTF-8 text with {@code isBase64Encoded: false} (a REST API
 * without binary media types passes text); {@code path} is percent-decoded; {@code stageVariables} is null (Gatehouse
 * has no stage variables); the endpoint is regional (no CloudFront headers); {@code resourceId} is derived from the
 * resource path, stable across starts. As for HTTP APIs, {@code Host} is the API's domain and
 * {@code X-Forwarded-Proto}/{@code X-Forwarded-Port} are {@code https}/{@code 443}, as in AWS's sample: the handler sees
 * what it would see on AWS, not the local connection.
 */
public final class RestEventBuilder {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String apiId;
    private final String stage;
    private final String accountId;
    private final String region;

    public RestEventBuilder(String apiId, String stage, String accountId, String region) {
        this.apiId = apiId;
        this.stage = stage;
        this.accountId = accountId;
        this.region = region;
    }

    public static RestEventBuilder of(GatehouseConfig config) {
        return new RestEventBuilder(config.api().apiId(), config.api().stage(), config.accountId(), config.region());
    }

    /**
     * @param routedPath        the request's path, percent-decoded, without the stage
     * @param requestId         {@code requestContext.requestId} (a UUID, also the {@code x-amzn-RequestId} header)
     * @param extendedRequestId {@code requestContext.extendedRequestId} (also the {@code x-amz-apigw-id} header)
     * @param caller            the credentials that verified the signature, or null for a route without
     *                          authorization; never taken from anything the client sent unverified
     */
    public ObjectNode build(IncomingRequest request, RouteMatch match, String routedPath, String requestId,
                            String extendedRequestId, Credentials caller) {
        String resource = match.routeKey().path();
        Map<String, List<String>> headers = headers(request, domainName());

        ObjectNode event = JSON.objectNode();
        event.put("resource", resource);
        event.put("path", routedPath);
        event.put("httpMethod", request.method());
        ObjectNode single = event.putObject("headers");
        ObjectNode multi = event.putObject("multiValueHeaders");
        headers.forEach((name, values) -> {
            single.put(name, values.get(values.size() - 1));
            ArrayNode all = multi.putArray(name);
            values.forEach(all::add);
        });
        Map<String, List<String>> query = QueryString.multiValue(request.rawQuery());
        if (query.isEmpty()) {
            event.putNull("queryStringParameters");
            event.putNull("multiValueQueryStringParameters");
        } else {
            ObjectNode last = event.putObject("queryStringParameters");
            ObjectNode every = event.putObject("multiValueQueryStringParameters");
            query.forEach((name, values) -> {
                last.put(name, values.get(values.size() - 1));
                ArrayNode all = every.putArray(name);
                values.forEach(all::add);
            });
        }
        if (match.pathParameters().isEmpty()) {
            event.putNull("pathParameters");
        } else {
            ObjectNode params = event.putObject("pathParameters");
            match.pathParameters().forEach(params::put);
        }
        event.putNull("stageVariables");
        event.set("requestContext", requestContext(request, resource, routedPath, requestId, extendedRequestId,
                caller, last(headers, "User-Agent")));
        if (request.body().length == 0) {
            event.putNull("body");
        } else {
            event.put("body", new String(request.body(), StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    private ObjectNode requestContext(IncomingRequest request, String resource, String routedPath, String requestId,
                                      String extendedRequestId, Credentials caller, String userAgent) {
        ObjectNode context = JSON.objectNode();
        context.put("accountId", accountId);
        context.put("apiId", apiId);
        context.put("domainName", domainName());
        context.put("domainPrefix", apiId);
        context.put("extendedRequestId", extendedRequestId);
        context.put("httpMethod", request.method());
        context.set("identity", RequestIdentity.of(caller, request.sourceIp(), userAgent));
        context.put("path", "/" + stage + (routedPath.equals("/") ? "/" : routedPath));
        context.put("protocol", request.protocol());
        context.put("requestId", requestId);
        context.put("requestTime", EventBuilder.CLF.format(request.receivedAt()));
        context.put("requestTimeEpoch", request.receivedAt().toEpochMilli());
        context.put("resourceId", resourceId(resource));
        context.put("resourcePath", resource);
        context.put("stage", stage);
        return context;
    }

    /** The API's own domain, as API Gateway names it: {@code <apiId>.execute-api.<region>.amazonaws.com}. */
    private String domainName() {
        return apiId + ".execute-api." + region + ".amazonaws.com";
    }

    /**
     * Header lines by name as sent, with {@code Host} the API's domain and the {@code X-Forwarded-*} and
     * {@code X-Amzn-Trace-Id} headers REST adds (its clients reach it over HTTPS on 443).
     */
    private static Map<String, List<String>> headers(IncomingRequest request, String domainName) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : request.headers()) {
            headers.computeIfAbsent(h.getKey(), n -> new java.util.ArrayList<>()).add(h.getValue());
        }
        String forwardedFor = last(headers, "X-Forwarded-For");
        replace(headers, "X-Forwarded-For", forwardedFor == null ? request.sourceIp()
                : forwardedFor + ", " + request.sourceIp());
        replace(headers, "Host", domainName);
        replace(headers, "X-Forwarded-Port", "443");
        replace(headers, "X-Forwarded-Proto", "https");
        if (last(headers, "X-Amzn-Trace-Id") == null) {
            headers.put("X-Amzn-Trace-Id", List.of(RequestIds.newTraceId(request.receivedAt())));
        }
        return headers;
    }

    private static void replace(Map<String, List<String>> headers, String name, String value) {
        headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
        headers.put(name, List.of(value));
    }

    private static String last(Map<String, List<String>> headers, String name) {
        String value = null;
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                value = h.getValue().get(h.getValue().size() - 1);
            }
        }
        return value;
    }

    /** A resource's id: 10 lower-case letters and digits, the same for the same resource path on every start. */
    static String resourceId(String resource) {
        UUID uuid = UUID.nameUUIDFromBytes(resource.getBytes(StandardCharsets.UTF_8));
        String digits = Long.toString(uuid.getMostSignificantBits() & Long.MAX_VALUE, 36);
        return (digits + "0000000000").substring(0, 10);
    }
}
