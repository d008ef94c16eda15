package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.lambda.Invocation;
import dev.gatehouse.emulator.sigv4.RefusalReason;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;
import dev.gatehouse.emulator.sigv4.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * One call to a REST API, as API Gateway takes it: size limits, resource and method (the stage first in the path),
 * IAM authorization (the signature over the path with its stage, then the role's execute-api:Invoke policy on
 * {@code arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>}), the Lambda proxy event (payload
 * 1.0), the function, the proxy response mapping. Refusals are the REST API's own ({@link RestErrors}); every
 * response names the request in {@code x-amzn-RequestId} and {@code x-amz-apigw-id}.
 *
 * <p>CORS: a REST API has no API-level CORS setting; its preflight is an {@code OPTIONS} method like any other (on
 * AWS usually a mock integration). Here an {@code OPTIONS} route (authorization {@code NONE}) answers it through its
 * function; without one, a preflight gets the 403 of an unknown method, as on AWS.
 */
public final class RestApiPipeline implements ApiPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(RestApiPipeline.class);
    /** API Gateway's integration timeout for REST APIs. */
    static final int INTEGRATION_TIMEOUT_SECONDS = 29;

    private final GatehouseConfig config;
    private final RouteTable routes;
    private final SigV4Verifier verifier;
    private final InvokePermission permission;
    private final RestEventBuilder events;
    private final Functions functions;
    private final ResponseMapper responses = ResponseMapper.restApi();

    RestApiPipeline(ApiPipeline.Parts parts) {
        this.config = parts.config();
        this.routes = parts.routes();
        this.verifier = parts.verifier();
        this.permission = new InvokePermission(parts.config(), parts.policies());
        this.events = RestEventBuilder.of(parts.config());
        this.functions = parts.functions();
    }

    /** @param requestId Gatehouse's id of the request: the {@code x-amz-apigw-id} (extendedRequestId) */
    @Override
    public ApiOutcome handle(IncomingRequest request, String requestId) {
        String awsRequestId = UUID.randomUUID().toString();
        ApiOutcome outcome = pipeline(request, awsRequestId, requestId);
        return new ApiOutcome(RestErrors.withRequestIds(outcome.response(), awsRequestId, requestId),
                outcome.match(), outcome.verdict(), outcome.denial(), outcome.caller(), outcome.event(),
                outcome.invocation(), outcome.eventJson());
    }

    @Override
    public GatewayResponse bodyTooLarge(String requestId) {
        return RestErrors.withRequestIds(RestErrors.contentLengthExceeded(), UUID.randomUUID().toString(), requestId);
    }

    private ApiOutcome pipeline(IncomingRequest request, String requestId, String extendedRequestId) {
        if (request.body().length > GatewayLimits.MAX_PAYLOAD_BYTES) {
            return ApiOutcome.refused(RestErrors.contentLengthExceeded());
        }
        if (GatewayLimits.requestLineAndHeadersBytes(request) > GatewayLimits.MAX_REQUEST_LINE_AND_HEADERS_BYTES) {
            return ApiOutcome.refused(RestErrors.requestTooLong());
        }
        RouteMatch match = routes.match(request).orElse(null);
        if (match == null) {
            return ApiOutcome.refused(RestErrors.missingAuthenticationToken());
        }
        String routedPath = routes.routePath(request).orElse("/");
        Credentials caller = null;
        Verdict verdict = null;
        if (match.route().iamAuthorized()) {
            verdict = verifier.verify(request);
            if (verdict instanceof Verdict.Refused refused) {
                GatewayResponse response = refused.reason() == RefusalReason.MISSING_AUTHENTICATION
                        ? RestErrors.missingAuthenticationToken() : RestErrors.refused(refused);
                return new ApiOutcome(response.withHeader(GatewayErrors.REASON_HEADER,
                        GatewayErrors.reason(refused)),
                        match, verdict, null, null);
            }
            caller = ((Verdict.Accepted) verdict).credentials();
            String arn = permission.resourceArn(request.methodUpper(), routedPath);
            String denial = permission.deniedBy(caller, arn);
            if (denial != null) {
                return new ApiOutcome(RestErrors.accessDenied(denial, arn, config.accountId()).withHeader(
                        GatewayErrors.REASON_HEADER, GatewayErrors.reason("ACCESS_DENIED", denial)),
                        match, verdict, denial, caller);
            }
        }
        ObjectNode event = events.build(request, match, routedPath, requestId, extendedRequestId, caller);
        byte[] eventBytes = event.toString().getBytes(StandardCharsets.UTF_8);
        if (eventBytes.length > GatewayLimits.MAX_FUNCTION_EVENT_BYTES) {
            // Lambda refuses a synchronous event over 6 MB before the function runs.
            return new ApiOutcome(RestErrors.requestTooLong(), match, verdict, null, caller);
        }
        int timeout = Math.min(match.route().timeoutSeconds(), INTEGRATION_TIMEOUT_SECONDS);
        Invocation invocation = functions.invoke(match.route(), eventBytes, Duration.ofSeconds(timeout));
        GatewayResponse response = switch (invocation.outcome()) {
            case SUCCESS -> responses.map(invocation.output());
            case TIMED_OUT -> match.route().timeoutSeconds() > INTEGRATION_TIMEOUT_SECONDS
                    ? RestErrors.endpointRequestTimedOut() : RestErrors.internalServerError();
            default -> RestErrors.internalServerError();
        };
        if (invocation.outcome() != Invocation.Outcome.SUCCESS) {
            LOG.warn("{} {}: function {} {}: {}", request.method(), request.rawPath(), match.route().handler(),
                    invocation.outcome(), invocation.error() == null ? "" : invocation.error().errorMessage());
        }
        return new ApiOutcome(response, match, verdict, null, caller, event, invocation, eventBytes);
    }
}
