package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the payload format 2.0 event of an HTTP API Lambda integration (aws-protocols.md A.1) for one request.
 *
 * <p>Choices where AWS is not documented: {@code rawPath} and {@code requestContext.http.path} are the
 * percent-decoded path, stage prefix included (HTTP APIs decode the path, as captures show; {@code rawQueryString}
 * stays as sent); empty {@code cookies}, {@code queryStringParameters}, {@code pathParameters}, {@code stageVariables}
 * and {@code body} are left out rather than null; {@code authorizer} is left out for a route without authorization.
 */
public final class EventBuilder {

    static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String apiId;
    private final String stage;
    private final String accountId;
    private final String region;

    public EventBuilder(String apiId, String stage, String accountId, String region) {
        this.apiId = apiId;
        this.stage = stage;
        this.accountId = accountId;
        this.region = region;
    }

    public static EventBuilder of(GatehouseConfig config) {
        return new EventBuilder(config.api().apiId(), config.api().stage(), config.accountId(), config.region());
    }

    /**
     * @param requestId the request's id ({@link RequestIds#newRequestId()}), also sent as {@code apigw-requestid}
     * @param caller    the credentials that verified the request's signature, or null for a route without
     *                  authorization; never taken from anything the client sent unverified
     */
    public ObjectNode build(IncomingRequest request, RouteMatch match, String requestId, Credentials caller) {
        String path = PercentDecoding.path(request.rawPath());
        String routeKey = match.routeKey().toString();
        RequestHeaders headers = RequestHeaders.of(request, domainName());

        ObjectNode event = JSON.objectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        if (!headers.cookies().isEmpty()) {
            headers.cookies().forEach(event.putArray("cookies")::add);
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.values().forEach(headerNode::put);
        Map<String, String> query = QueryString.parameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        event.set("requestContext", requestContext(request, routeKey, path, headers, requestId, caller));
        boolean text = request.body().length == 0 || isText(headers.values().get("content-type"));
        if (request.body().length > 0) {
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(request.body()));
        }
        if (!match.pathParameters().isEmpty()) {
            ObjectNode params = event.putObject("pathParameters");
            match.pathParameters().forEach(params::put);
        }
        event.put("isBase64Encoded", !text);
        return event;
    }

    /** The API's own domain, as API Gateway names it: {@code <apiId>.execute-api.<region>.amazonaws.com}. */
    private String domainName() {
        return apiId + ".execute-api." + region + ".amazonaws.com";
    }

    private ObjectNode requestContext(IncomingRequest request, String routeKey, String path, RequestHeaders headers,
                                      String requestId, Credentials caller) {
        ObjectNode context = JSON.objectNode();
        context.put("accountId", accountId);
        context.put("apiId", apiId);
        if (caller != null) {
            context.putObject("authorizer").set("iam", IamAuthorizer.of(caller));
        }
        context.put("domainName", domainName());
        context.put("domainPrefix", apiId);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", path);
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        String userAgent = headers.values().get("user-agent");
        http.put("userAgent", userAgent == null ? "" : userAgent);
        context.put("requestId", requestId);
        context.put("routeKey", routeKey);
        context.put("stage", stage);
        context.put("time", CLF.format(request.receivedAt()));
        context.put("timeEpoch", request.receivedAt().toEpochMilli());
        return context;
    }

    /**
     * The base64 rule observed on AWS: the body is UTF-8 text only for {@code text/*}, {@code application/json},
     * {@code application/xml} and {@code application/javascript}; anything else, a missing Content-Type included, is
     * base64 with {@code isBase64Encoded: true}.
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return mediaType.startsWith("text/") || mediaType.equals("application/json")
                || mediaType.equals("application/xml") || mediaType.equals("application/javascript");
    }
}
