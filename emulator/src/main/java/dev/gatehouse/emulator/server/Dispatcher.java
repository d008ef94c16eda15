package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.apigateway.ApiOutcome;
import dev.gatehouse.emulator.apigateway.ApiPipeline;
import dev.gatehouse.emulator.apigateway.GatewayErrors;
import dev.gatehouse.emulator.apigateway.RouteTable;
import dev.gatehouse.emulator.awsjson.AwsJsonService;
import dev.gatehouse.emulator.client.AdminToken;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.cognito.identity.IdentityPool;
import dev.gatehouse.emulator.cognito.userpool.UserPool;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.CredentialsLookup;
import dev.gatehouse.emulator.iam.Principal;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.record.CallLog;
import dev.gatehouse.emulator.record.CallRecord;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;
import dev.gatehouse.emulator.sigv4.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sorts each request to its service: {@code /_gatehouse/*} to Gatehouse, {@code X-Amz-Target} to the Cognito pools,
 * {@code /<poolId>/.well-known/*} to the token keys, everything else to the API's pipeline ({@link ApiPipeline});
 * and records and logs every call.
 */
public final class Dispatcher implements GatewayServer.Routing {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** How long a request that arrives during start-up waits for it (Node.js or Python cold starts included). */
    private static final Duration START_WAIT = Duration.ofMinutes(2);
    private final ApiPipeline api;
    private final AwsJsonEndpoint awsJson;
    private final AdminEndpoint admin;
    private final AdminDoor door;
    private final UserPool userPool;
    private final String wellKnownPrefix;
    private final Clock clock;
    private final CallLog log;
    private final CredentialsLookup credentials;
    /** Done when every part is in place (see {@link #started()}); requests that arrive earlier wait for it. */
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    /** Done when DynamoDB, the tables and the functions are (see {@link #backendStarted()}). */
    private final CompletableFuture<Void> backend = new CompletableFuture<>();
    /** Starts DynamoDB, the tables and the functions unless they are being started ({@link #onBackendWanted}). */
    private volatile Runnable backendWanted = () -> { };

    public Dispatcher(GatehouseConfig config, RouteTable routes, SigV4Verifier verifier,
                      Functions functions, List<AwsJsonService> services, CredentialsLookup credentials,
                      ControlledClock clock, CallLog log, UserPool userPool, IdentityPool identityPool,
                      AdminToken adminToken) {
        this.api = ApiPipeline.of(new ApiPipeline.Parts(config, routes, verifier, functions,
                identityPool::policyFor));
        this.awsJson = new AwsJsonEndpoint(services, credentials, clock, clock.signatureClock(), config.region());
        this.admin = new AdminEndpoint(config, log, functions, this);
        this.door = new AdminDoor(adminToken);
        this.userPool = userPool;
        this.wellKnownPrefix = "/" + config.userPool().id() + "/.well-known/";
        this.clock = clock;
        this.log = log;
        this.credentials = credentials;
    }

    /** Where the server listens: {@code boundHost} as given to it, {@code baseUri} as clients reach it. */
    public void servedAt(String boundHost, URI baseUri) {
        admin.baseUri(baseUri);
        door.servedAt(boundHost, baseUri.getPort());
    }

    public void dynamoDbEndpoint(URI endpoint) {
        admin.dynamoDbEndpoint(endpoint);
    }

    /** The DynamoDB reader behind {@code /_gatehouse/tables}. */
    public void tables(dev.gatehouse.emulator.dynamodb.TableBrowser tables) {
        admin.tables(tables);
    }

    /** The developer's keys, which {@code GET /_gatehouse/credentials/developer} gives behind the token. */
    public void developer(GatehouseConfig.Developer developer) {
        admin.developer(developer);
    }

    /**
     * Every part a first call needs is in place (the pools, fixture users, controls): the ready line. The server
     * listens while start-up finishes; a request that arrives before this (a client polling for the port) waits for
     * it, so it is answered as after the ready line, never with a part missing. Only {@code GET /_gatehouse/health}
     * answers at once.
     */
    public void started() {
        started.complete(null);
    }

    /** Start-up failed: the requests that wait for it are answered 503. */
    public void failedToStart(Throwable cause) {
        started.completeExceptionally(cause);
        backend.completeExceptionally(cause);
    }

    /**
     * DynamoDB (its endpoint handed over), the tables and the functions are in place. They start after the ready
     * line; until this, the requests that need them wait: the API's routes, {@code /_gatehouse/outputs} (it names
     * {@code DynamoDbEndpoint}), {@code /_gatehouse/tables...} and {@code POST /_gatehouse/invoke}.
     */
    public void backendStarted() {
        backend.complete(null);
    }

    /**
     * What starts DynamoDB, the tables and the functions: run (it must be cheap and idempotent) once a Cognito call
     * (user pool, identity pool) is answered, so that they do not share the cores with a first sign-in, and when a call
     * that needs them comes first, before it waits for them.
     */
    public void onBackendWanted(Runnable start) {
        this.backendWanted = start;
    }

    /** DynamoDB, the tables or the functions could not start: the requests that need them are answered 503. */
    public void backendFailedToStart(Throwable cause) {
        backend.completeExceptionally(cause);
    }

    /** The controls the admin endpoints act through (clock, credentials, users, keys). */
    public void controls(dev.gatehouse.emulator.controls.Controls controls) {
        admin.controls(controls);
    }

    /**
     * The answer; the call record (and, for a Cognito call, the backend's cue) is built by the reply's
     * {@link GatewayServer.Reply#after}, which the server runs once the answer is written: no client waits for it.
     * Its sequence number is taken here, so a reader of the record waits for it ({@link CallLog#find}).
     */
    @Override
    public GatewayServer.Reply handleDeferred(IncomingRequest request, String requestId) {
        long start = System.nanoTime();
        String path = request.rawPath();
        if (!started.isDone() && !(AdminEndpoint.PREFIX + "health").equals(path)) {
            GatewayServer.Reply notYet = awaitStart();
            if (notYet != null) {
                return notYet;
            }
        }
        if (path.startsWith(AdminEndpoint.PREFIX)) {
            return door.check(request).orElseGet(() -> {
                GatewayServer.Reply noBackend = AdminEndpoint.needsBackend(request) ? awaitBackend(request) : null;
                return noBackend != null ? noBackend : admin.handle(request);
            });
        }
        if (request.hasHeader("X-Amz-Target") && "POST".equals(request.methodUpper())) {
            // AWS services' x-amzn-RequestId is a UUID (API Gateway's apigw-requestid is not)
            String awsRequestId = java.util.UUID.randomUUID().toString();
            AwsJsonEndpoint.Outcome o = awsJson.handle(request, awsRequestId);
            Runnable record = record(request, awsRequestId, start, o);
            return new GatewayServer.Reply(o.status(), o.headers(), o.body()).after(() -> {
                record.run();
                backendWanted.run(); // answered: DynamoDB and the rest may take the cores now
            });
        }
        if ("OPTIONS".equals(request.methodUpper()) && "/".equals(path)
                && request.hasHeader("Access-Control-Request-Method")) {
            return new GatewayServer.Reply(200, AwsJsonEndpoint.preflightHeaders(request), new byte[0]);
        }
        if ("GET".equals(request.methodUpper()) && path.startsWith(wellKnownPrefix)) {
            String doc = path.substring(wellKnownPrefix.length());
            String body = switch (doc) {
                case "jwks.json" -> userPool.jwksJson();
                case "openid-configuration" -> userPool.openIdConfigurationJson();
                default -> null;
            };
            if (body != null) {
                return new GatewayServer.Reply(200, List.of(Map.entry("Content-Type", "application/json"),
                        Map.entry("Access-Control-Allow-Origin", "*")), body.getBytes(StandardCharsets.UTF_8));
            }
        }
        GatewayServer.Reply noBackend = awaitBackend(request);
        if (noBackend != null) {
            return noBackend;
        }
        log.raw().keep(requestId, request);
        ApiOutcome o = api.handle(request, requestId);
        logRefusal(request, o);
        return GatewayServer.Reply.of(o.response()).after(record(request, requestId, start, o));
    }

    /** Null once started; a 503 when start-up failed or is still not done after {@link #START_WAIT}. */
    private GatewayServer.Reply awaitStart() {
        try {
            started.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return notStarted("Gatehouse is stopping");
        } catch (ExecutionException e) {
            return notStarted("Gatehouse could not start: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return notStarted("Gatehouse is still starting after " + START_WAIT.toSeconds() + " s");
        }
    }

    /**
     * Null once DynamoDB, the tables and the functions are started (waiting for them up to {@link #START_WAIT}); a
     * 503 naming the reason (body and {@code X-Gatehouse-Reason}) when they failed to start or are still starting.
     */
    private GatewayServer.Reply awaitBackend(IncomingRequest request) {
        if (backend.isDone() && !backend.isCompletedExceptionally()) {
            return null;
        }
        backendWanted.run();
        String reason;
        try {
            backend.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reason = "Gatehouse is stopping";
        } catch (ExecutionException e) {
            reason = "DynamoDB, the tables or the functions could not start: " + e.getCause().getMessage();
        } catch (TimeoutException e) {
            reason = "DynamoDB, the tables or the functions are still starting after " + START_WAIT.toSeconds()
                    + " s";
        }
        LOG.error("{} {} answered 503: {}", request.method(), request.rawPath(), reason);
        return notStarted(reason);
    }

    private static GatewayServer.Reply notStarted(String message) {
        return new GatewayServer.Reply(503, List.of(Map.entry("Content-Type", "application/json"),
                Map.entry(GatewayErrors.REASON_HEADER, GatewayErrors.reason("NOT_STARTED", message))),
                AwsJsonEndpoint.JSON.createObjectNode().put("message", message).toString()
                        .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public GatewayServer.Reply bodyTooLarge(String requestId) {
        return GatewayServer.Reply.of(api.bodyTooLarge(requestId));
    }

    private static void logRefusal(IncomingRequest request, ApiOutcome o) {
        if (o.verdict() instanceof Verdict.Refused refused) {
            LOG.warn("{} {} refused ({}): {}", request.method(), request.rawPath(), refused.errorType(),
                    refused.explanation());
            if (refused.canonicalRequest() != null) {
                LOG.info("expected canonical request:\n{}\nexpected string to sign:\n{}",
                        Diagnostics.mask(refused.canonicalRequest()), refused.stringToSign());
            }
        } else if (o.denial() != null) {
            LOG.warn("{} {} refused (AccessDeniedException): {}", request.method(), request.rawPath(), o.denial());
        }
    }

    /**
     * The call's record, to be added by running the result: what it says about the caller (identity, user) and its
     * duration are read now; the rest is left to the runnable, and of that the request, the event and the response
     * (their masking and JSON, most of a record's cost) to the first reader of the record.
     */
    private Runnable record(IncomingRequest request, String requestId, long start, ApiOutcome o) {
        Verdict v = o.verdict();
        Verdict.Refused refused = v instanceof Verdict.Refused r ? r : null;
        // Refused: the credentials the client named (if Gatehouse knows them) say who tried.
        Credentials caller = o.caller() != null || refused == null || refused.declared() == null ? o.caller()
                : credentials.find(refused.declared().accessKeyId()).orElse(null);
        String identityId = identityOf(caller);
        String email = emailOf(caller);
        double durationMs = millis(start);
        long sequence = log.reserve();
        return () -> log.add(sequence, () -> new CallRecord(sequence, requestId, request.receivedAt(), "api",
                request.method(),
                request.rawPath(), o.match() == null ? null : o.match().routeKey().toString(),
                v == null ? (o.match() != null && o.match().route().iamAuthorized() ? null : "none")
                        : refused != null || o.denial() != null ? "refused" : "accepted",
                refused != null ? refused.reason().name() : o.denial() != null ? "ACCESS_DENIED" : null,
                refused != null ? refused.explanation() : o.denial(),
                refused != null ? refused.errorType() : o.denial() != null ? "AccessDeniedException" : null,
                caller != null ? caller.accessKeyId()
                        : refused != null && refused.declared() != null ? refused.declared().accessKeyId() : null,
                identityId, email,
                o.invocation() != null, o.response().status(), durationMs,
                o.invocation() == null ? 0 : o.invocation().duration().toNanos() / 1_000_000.0,
                RequestMasking.maskLater(request), RequestMasking.maskEventLater(o.event(), o.eventJson()),
                responseLater(o.response().status(), o.response().body()),
                refused == null ? null : CallRecord.JsonText.of(Diagnostics.of(refused)),
                o.invocation() == null ? List.of() : FunctionLogs.mask(o.invocation().logs(), request)));
    }

    private Runnable record(IncomingRequest request, String requestId, long start, AwsJsonEndpoint.Outcome o) {
        Verdict v = o.verdict();
        Verdict.Refused refused = v instanceof Verdict.Refused r ? r : null;
        Credentials signer = v instanceof Verdict.Accepted a ? a.credentials() : null;
        String user = userOf(o);
        double durationMs = millis(start);
        long sequence = log.reserve();
        return () -> log.add(sequence, () -> new CallRecord(sequence, requestId, request.receivedAt(),
                o.service() == null ? "aws-json" : o.service(), request.method(), request.rawPath(), o.operation(),
                v == null ? "none" : refused != null ? "refused" : "accepted",
                refused != null ? refused.reason().name() : o.reason(),
                refused != null ? refused.explanation() : o.explanation(),
                o.errorType(), signer != null ? signer.accessKeyId() : null, identityOf(signer),
                user, false, o.status(), durationMs, 0,
                RequestMasking.mask(request, o.input()), null,
                o.errorType() == null ? null : AwsJsonEndpoint.JSON.createObjectNode().put("__type", o.errorType())
                        .put("message", o.errorMessage()),
                refused == null ? null : Diagnostics.of(refused), List.of()));
    }

    /** A REST API's signature-mismatch message quotes the canonical request, session token included: masked. */
    private static JsonNode maskedMessage(JsonNode response) {
        if (response.path("body").path("message").isTextual() && response.get("body") instanceof ObjectNode body) {
            body.put("message", Diagnostics.mask(body.get("message").asText()));
        }
        return response;
    }

    /**
     * The user a Cognito call is about, for the record, as an email where Gatehouse knows one: the user name given (an
     * SRP answer names the user by {@code sub}), or, for an identity pool call that succeeded (so its ID token
     * verified), the user the token was issued to.
     */
    private String userOf(AwsJsonEndpoint.Outcome o) {
        String named = RequestMasking.userOf(o.input());
        if (named != null) {
            return userPool.findUserBySub(named).map(UserPool.UserView::email).orElse(named);
        }
        if (o.status() != 200 || o.input() == null || !o.input().path("Logins").isObject()) {
            return null;
        }
        for (JsonNode token : o.input().get("Logins")) {
            try {
                String sub = com.nimbusds.jwt.SignedJWT.parse(token.asText()).getJWTClaimsSet().getSubject();
                if (sub != null) {
                    return userPool.findUserBySub(sub).map(UserPool.UserView::email).orElse(null);
                }
            } catch (java.text.ParseException e) {
                // not a JWT: the call could not have succeeded with it
            }
        }
        return null;
    }

    /** The user pool user (email) behind identity pool credentials, for the record. */
    private String emailOf(Credentials c) {
        if (c == null || !(c.principal() instanceof Principal.AssumedRole role) || role.identity() == null
                || role.identity().userPoolSub() == null) {
            return null;
        }
        return userPool.findUserBySub(role.identity().userPoolSub()).map(UserPool.UserView::email).orElse(null);
    }

    private static String identityOf(Credentials c) {
        return c != null && c.principal() instanceof Principal.AssumedRole role && role.identity() != null
                ? role.identity().identityId() : null;
    }

    /** The response as recorded: a small JSON body as JSON; a large one (a long list) as its first bytes only. */
    /**
     * The response as recorded, written when the record is first read: keeps the body (of a body longer than
     * {@link RequestMasking#MAX_RECORDED_BODY}, the part recorded).
     */
    private static CallRecord.JsonText responseLater(int status, byte[] body) {
        int length = body.length;
        byte[] kept = RequestMasking.recordedPart(body);
        return CallRecord.JsonText.later((g, trees) ->
                maskedMessage(responseJson(status, kept, length)).serialize(g, trees));
    }

    /** @param length the body's length as sent ({@code body} may be its first bytes only) */
    private static JsonNode responseJson(int status, byte[] body, int length) {
        ObjectNode n = AwsJsonEndpoint.JSON.createObjectNode().put("status", status);
        if (length > RequestMasking.MAX_RECORDED_BODY) {
            n.put("bodyBytes", length);
            n.put("body", new String(body, 0, RequestMasking.MAX_RECORDED_BODY, StandardCharsets.UTF_8) + "...");
            return n;
        }
        try {
            n.set("body", AwsJsonEndpoint.JSON.readTree(body));
        } catch (Exception e) {
            n.put("body", new String(body, StandardCharsets.UTF_8));
        }
        return n;
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1_000_000.0;
    }
}
