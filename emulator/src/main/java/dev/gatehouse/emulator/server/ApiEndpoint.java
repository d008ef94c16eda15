package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.apigateway.EventBuilder;
import dev.gatehouse.emulator.apigateway.GatewayErrors;
import dev.gatehouse.emulator.apigateway.GatewayLimits;
import dev.gatehouse.emulator.apigateway.GatewayResponse;
import dev.gatehouse.emulator.apigateway.ResponseMapper;
import dev.gatehouse.emulator.apigateway.RouteMatch;
import dev.gatehouse.emulator.apigateway.RouteTable;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.ExecuteApiPolicy;
import dev.gatehouse.emulator.iam.PolicyDecision;
import dev.gatehouse.emulator.iam.Principal;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.lambda.Invocation;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;
import dev.gatehouse.emulator.sigv4.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * One API call, as API Gateway's HTTP API takes it: size limits, route, IAM authorizer (signature, then the role's
 * execute-api:Invoke policy), payload 2.0 event, the function in process, response mapping.
 */
final class ApiEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(ApiEndpoint.class);
    static final String REASON_HEADER = "X-Gatehouse-Reason";

    private final GatehouseConfig config;
    private final RouteTable routes;
    private final SigV4Verifier verifier;
    private final Function<CognitoIdentity, ExecuteApiPolicy> policies;
    private final EventBuilder events;
    private final Functions functions;
    private final ResponseMapper responses = new ResponseMapper();

    ApiEndpoint(GatehouseConfig config, RouteTable routes, SigV4Verifier verifier, EventBuilder events,
                Functions functions, Function<CognitoIdentity, ExecuteApiPolicy> policies) {
        this.config = config;
        this.routes = routes;
        this.verifier = verifier;
        this.events = events;
        this.functions = functions;
        this.policies = policies;
    }

    /** What happened, for the response and the record. */
    record Outcome(GatewayResponse response, RouteMatch match, Verdict verdict, String denial, Credentials caller,
                   ObjectNode event, Invocation invocation) {
    }

    Outcome handle(IncomingRequest request, String requestId) {
        GatewayResponse tooLarge = GatewayLimits.check(request).orElse(null);
        if (tooLarge != null) {
            return new Outcome(tooLarge, null, null, null, null, null, null);
        }
        RouteMatch match = routes.match(request).orElse(null);
        if (match == null) {
            return new Outcome(GatewayErrors.notFound(), null, null, null, null, null, null);
        }
        Credentials caller = null;
        Verdict verdict = null;
        if (match.route().iamAuthorized()) {
            verdict = verifier.verify(request);
            if (verdict instanceof Verdict.Refused refused) {
                LOG.warn("{} {} refused ({}): {}", request.method(), request.rawPath(), refused.errorType(),
                        refused.explanation());
                if (refused.canonicalRequest() != null) {
                    LOG.info("expected canonical request:\n{}\nexpected string to sign:\n{}",
                            Diagnostics.mask(refused.canonicalRequest()), refused.stringToSign());
                }
                return new Outcome(GatewayErrors.forbidden(refused.errorType())
                        .withHeader(REASON_HEADER, reasonHeader(refused.reason().name(), refused.explanation())),
                        match, verdict, null, null, null, null);
            }
            caller = ((Verdict.Accepted) verdict).credentials();
            String denial = deniedBy(caller, request, match);
            if (denial != null) {
                LOG.warn("{} {} refused (AccessDeniedException): {}", request.method(), request.rawPath(), denial);
                return new Outcome(GatewayErrors.forbidden("AccessDeniedException")
                        .withHeader(REASON_HEADER, reasonHeader("ACCESS_DENIED", denial)),
                        match, verdict, denial, caller, null, null);
            }
        }
        ObjectNode event = events.build(request, match, requestId, caller);
        byte[] eventBytes = utf8(event.toString());
        if (eventBytes.length > GatewayLimits.MAX_FUNCTION_EVENT_BYTES) {
            // Lambda refuses a synchronous event over 6 MB before the function runs.
            return new Outcome(GatewayErrors.requestTooLarge(), match, verdict, null, caller, null, null);
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
        } else if (response.status() == 500 && "Internal Server Error".equals(messageOf(response))) {
            LOG.warn("{} {}: the function's response is malformed for payload format 2.0", request.method(),
                    request.rawPath());
        }
        return new Outcome(response, match, verdict, null, caller, event, invocation);
    }

    /** The role policy's verdict on execute-api:Invoke for this route, or null when allowed. */
    private String deniedBy(Credentials caller, IncomingRequest request, RouteMatch match) {
        if (!(caller.principal() instanceof Principal.AssumedRole role)) {
            return null; // the developer's IAM user: administrator of this local account
        }
        ExecuteApiPolicy policy = policies.apply(role.identity());
        String stagePath = routes.routePath(request).orElse("/");
        String arn = ExecuteApiPolicy.resourceArn(config.region(), config.accountId(), config.api().apiId(),
                config.api().stage(), request.methodUpper(), stagePath);
        if (policy == null) {
            return "User: " + role.arn() + " is not authorized to perform: execute-api:Invoke on resource: " + arn
                    + " because no identity-based policy allows the execute-api:Invoke action";
        }
        PolicyDecision decision = policy.evaluateInvoke(arn, role.identity());
        return decision.allowed() ? null : decision.message(role.arn(), ExecuteApiPolicy.INVOKE, arn);
    }

    private static String messageOf(GatewayResponse r) {
        try {
            JsonNode n = AwsJsonEndpoint.JSON.readTree(r.body());
            return n.path("message").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    static String reasonHeader(String code, String explanation) {
        String text = code + (explanation == null ? "" : ": " + explanation);
        return AwsJsonEndpoint.singleLine(text);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
