package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.lambda.Invocation;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;
import dev.gatehouse.emulator.sigv4.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One call to an HTTP API, as API Gateway takes it: CORS preflight, size limits, route, IAM authorizer (the signature,
 * then the role's execute-api:Invoke policy), payload 2.0 event, the function, response mapping by the 2.0 rules, CORS
 * headers. Every refusal is
 * the HTTP API's ({@link GatewayErrors}), with Gatehouse's reason in {@link GatewayErrors#REASON_HEADER}.
 */
public final class HttpApiPipeline implements ApiPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiPipeline.class);

    private final RouteTable routes;
    private final SigV4Verifier verifier;
    private final InvokePermission permission;
    private final EventBuilder events;
    private final Functions functions;
    private final ResponseMapper responses = new ResponseMapper();
    private final Cors cors;

    HttpApiPipeline(ApiPipeline.Parts parts) {
        this.routes = parts.routes();
        this.verifier = parts.verifier();
        this.permission = new InvokePermission(parts.config(), parts.policies());
        this.events = EventBuilder.of(parts.config());
        this.functions = parts.functions();
        this.cors = Cors.of(parts.config().api()).orElse(null);
    }

    /** @param requestId the request's id: the event's {@code requestContext.requestId} and {@code apigw-requestid} */
    @Override
    public ApiOutcome handle(IncomingRequest request, String requestId) {
        if (cors != null && Cors.isPreflight(request)) {
            // API Gateway answers every preflight itself: no route, no authorizer, no function
            return ApiOutcome.refused(cors.preflight(request).withHeader(GatewayErrors.REQUEST_ID_HEADER, requestId));
        }
        ApiOutcome o = pipeline(request, requestId);
        GatewayResponse response = o.response().withHeader(GatewayErrors.REQUEST_ID_HEADER, requestId);
        // CORS headers on every answer, the gateway's own refusals included (a choice: see the README's Limitations)
        return o.withResponse(cors == null ? response : cors.apply(request, response));
    }

    @Override
    public GatewayResponse bodyTooLarge(String requestId) {
        return GatewayErrors.requestTooLarge().withHeader(GatewayErrors.REQUEST_ID_HEADER, requestId);
    }

    private ApiOutcome pipeline(IncomingRequest request, String requestId) {
        GatewayResponse tooLarge = GatewayLimits.check(request).orElse(null);
        if (tooLarge != null) {
            return ApiOutcome.refused(tooLarge);
        }
        RouteMatch match = routes.match(request).orElse(null);
        if (match == null) {
            return ApiOutcome.refused(GatewayErrors.notFound());
        }
        Credentials caller = null;
        Verdict verdict = null;
        if (match.route().iamAuthorized()) {
            verdict = verifier.verify(request);
            if (verdict instanceof Verdict.Refused refused) {
                return new ApiOutcome(GatewayErrors.forbidden(refused.errorType()).withHeader(
                        GatewayErrors.REASON_HEADER, GatewayErrors.reason(refused)), match, verdict, null, null);
            }
            caller = ((Verdict.Accepted) verdict).credentials();
            String arn = permission.resourceArn(request.methodUpper(), routes.routePath(request).orElse("/"));
            String denial = permission.deniedBy(caller, arn);
            if (denial != null) {
                return new ApiOutcome(GatewayErrors.forbidden("AccessDeniedException").withHeader(
                        GatewayErrors.REASON_HEADER, GatewayErrors.reason("ACCESS_DENIED", denial)),
                        match, verdict, denial, caller);
            }
        }
        ObjectNode event = events.build(request, match, requestId, caller);
        byte[] eventBytes = event.toString().getBytes(StandardCharsets.UTF_8);
        if (eventBytes.length > GatewayLimits.MAX_FUNCTION_EVENT_BYTES) {
            // Lambda refuses a synchronous event over 6 MB before the function runs.
            return new ApiOutcome(GatewayErrors.requestTooLarge(), match, verdict, null, caller);
        }
        Invocation invocation = functions.invoke(match.route(), eventBytes,
                Duration.ofSeconds(match.route().timeoutSeconds()));
        GatewayResponse response = switch (invocation.outcome()) {
            case SUCCESS -> responses.map(invocation.output());
            case TIMED_OUT -> GatewayErrors.serviceUnavailable();
            default -> GatewayErrors.internalError();
        };
        if (invocation.outcome() != Invocation.Outcome.SUCCESS) {
            LOG.warn("{} {}: function {} {}: {}", request.method(), request.rawPath(), match.route().handler(),
                    invocation.outcome(), invocation.error() == null ? "" : invocation.error().errorMessage());
        }
        return new ApiOutcome(response, match, verdict, null, caller, event, invocation, eventBytes);
    }
}
