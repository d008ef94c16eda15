package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.controls.Controls;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.record.CallLog;
import dev.gatehouse.emulator.record.CallRecord;
import dev.gatehouse.emulator.apigateway.RequestIds;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends a recorded API call again, in process: byte for byte at its original time (the clock stopped there for this
 * request only), or re-signed now with fresh credentials of the same identity.
 */
final class Replay {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
    private static final Set<String> SIGNING_HEADERS = Set.of("authorization", "x-amz-date", "x-amz-security-token",
            "x-amz-content-sha256", "host");

    private final CallLog log;
    private final GatewayServer.Routing routing;
    private final String region;

    Replay(CallLog log, GatewayServer.Routing routing, String region) {
        this.log = log;
        this.routing = routing;
        this.region = region;
    }

    /** The outcome of one replay, as the admin endpoint answers it. */
    GatewayServer.Reply replay(String requestId, String mode, Controls controls) {
        IncomingRequest original = log.raw().find(requestId).orElse(null);
        CallRecord known = original != null ? null : log.byRequestId(requestId).orElse(null);
        if (known != null && !"api".equals(known.kind())) {
            return AdminEndpoint.message(400, "call " + requestId + " is a " + serviceName(known.kind()) + " call ("
                    + known.operation() + "), and replay sends API calls only: a sign-in step is not replayed (its"
                    + " SRP values, codes and session are single-use); run the sign-in again, e.g. ./gatehouse call");
        }
        if (original == null) {
            return AdminEndpoint.message(404, "no API call " + requestId + " is kept for replay (only the last 500 API"
                    + " calls with bodies up to 1 MB, 32 MB in all, are kept, in memory, since this Gatehouse started)");
        }
        if (!mode.equals("original") && !mode.equals("resign")) {
            return AdminEndpoint.message(400, "mode must be original or resign, got " + mode);
        }
        String accessKeyId = accessKeyOf(original);
        CallRecord recorded = log.byRequestId(requestId).orElse(null);
        if (mode.equals("resign") && !signatureVerified(recorded)) {
            return AdminEndpoint.message(409, "call " + requestId + " was refused when recorded ("
                    + (recorded == null ? "no record left" : recorded.reason()) + "): its signature never verified,"
                    + " so it has no caller to re-sign it as (re-signing would turn a forgery into a signed request);"
                    + " replay it as sent, without --resign, to see the same refusal");
        }
        String stateNow = refusedByStateNow(accessKeyId, controls);
        if (stateNow != null) {
            return AdminEndpoint.message(409, "call " + requestId + " is not replayed: " + stateNow);
        }
        String newId = RequestIds.newRequestId();
        GatewayServer.Reply reply;
        switch (mode) {
            // Both clocks stop where they were when it arrived: its credentials aged as then, its signature date
            // compared with the time it was received (so a call refused for skew or expiry is refused again).
            case "original" -> reply = controls.clock().at(original.receivedAt(), original.signatureTime(),
                    () -> routing.handle(original, newId));
            case "resign" -> {
                CognitoIdentity identity = accessKeyId == null ? null
                        : controls.identityOfAccessKey(accessKeyId).orElse(null);
                if (identity == null) {
                    return AdminEndpoint.message(409, "call " + requestId + " was not signed with identity pool"
                            + " credentials Gatehouse knows, so there is no user to re-sign it as");
                }
                Credentials fresh = controls.issueCredentials(identity);
                // signed as a client would sign it now: by the signature clock (the real time, or a simulated skew)
                reply = routing.handle(resign(original, fresh, controls.clock().signatureClock()), newId);
            }
            default -> throw new IllegalStateException(mode);
        }
        ObjectNode out = AwsJsonEndpoint.JSON.createObjectNode();
        out.put("replayOf", requestId).put("mode", mode).put("requestId", newId).put("status", reply.status());
        String body = new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            out.set("body", AwsJsonEndpoint.JSON.readTree(body));
        } catch (Exception notJson) {
            out.put("body", body);
        }
        CallRecord record = log.byRequestId(newId).orElse(null);
        if (record != null) {
            out.put("verdict", record.verdict());
            out.put("reason", record.reason());
            out.put("explanation", record.explanation());
        }
        return AdminEndpoint.json(200, out);
    }

    private static String serviceName(String kind) {
        return switch (kind) {
            case "cognito-idp" -> "Cognito user pool";
            case "cognito-identity" -> "Cognito identity pool";
            default -> kind;
        };
    }

    /** Whether the recorded call's signature verified: accepted, or refused only by the role policy. */
    private static boolean signatureVerified(CallRecord recorded) {
        return recorded != null && ("accepted".equals(recorded.verdict()) || "ACCESS_DENIED".equals(recorded.reason()));
    }

    /**
     * Why the state now forbids replaying a call signed with {@code accessKeyId}, or null: a replay is a debugging
     * tool, not a way around a disabled user or credentials that expired (by time or by control) since.
     */
    private static String refusedByStateNow(String accessKeyId, Controls controls) {
        Credentials credentials = accessKeyId == null ? null : controls.credentials(accessKeyId).orElse(null);
        if (credentials == null) {
            return null;  // unknown to Gatehouse: the replay is refused by the authorizer as the original was
        }
        java.time.Instant now = controls.clock().instant();
        if (credentials.expiredAt(now)) {
            return "the credentials " + accessKeyId + " it was signed with expired at " + credentials.expiration()
                    + " (now " + now + "); sign in again and send a new call";
        }
        CognitoIdentity identity = controls.identityOfAccessKey(accessKeyId).orElse(null);
        if (identity != null && identity.userPoolSub() != null) {
            var user = controls.userOf(identity).orElse(null);
            if (user == null) {
                return "the user pool user behind identity " + identity.identityId() + " no longer exists";
            }
            if (!user.enabled()) {
                return "user " + user.email() + " is disabled now";
            }
        }
        return null;
    }

    private static String accessKeyOf(IncomingRequest request) {
        String authorization = request.header("Authorization");
        if (authorization != null) {
            int i = authorization.indexOf("Credential=");
            if (i >= 0) {
                int end = authorization.indexOf('/', i);
                return end < 0 ? null : authorization.substring(i + "Credential=".length(), end).trim();
            }
            return null;
        }
        String q = request.rawQuery();
        if (q != null) {
            for (String p : q.split("&")) {
                if (p.regionMatches(true, 0, "X-Amz-Credential=", 0, 17)) {
                    String v = java.net.URLDecoder.decode(p.substring(17), java.nio.charset.StandardCharsets.UTF_8);
                    int slash = v.indexOf('/');
                    return slash < 0 ? v : v.substring(0, slash);
                }
            }
        }
        return null;
    }

    /** The same method, path, query, headers and body, signed now by the AWS SDK signer with {@code credentials}. */
    private IncomingRequest resign(IncomingRequest original, Credentials credentials, Clock clock) {
        String host = original.header("Host") == null ? "localhost" : original.header("Host");
        String query = original.rawQuery() == null ? "" : "?" + original.rawQuery();
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(original.methodUpper()))
                .uri(URI.create("http://" + host + (original.rawPath().isEmpty() ? "/" : original.rawPath()) + query));
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> h : original.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!SIGNING_HEADERS.contains(name)) {
                kept.add(h);
                unsigned.appendHeader(h.getKey(), h.getValue());
            }
        }
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(credentials.accessKeyId(),
                        credentials.secretAccessKey(), credentials.sessionToken()))
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromByteArray(original.body()))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SIGNING_CLOCK, clock)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Host", host));
        headers.addAll(kept);
        signed.request().forEachHeader((name, values) -> {
            if (SIGNING_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.equalsIgnoreCase("host")) {
                values.forEach(v -> headers.add(Map.entry(name, v)));
            }
        });
        return new IncomingRequest(original.method(), original.rawPath(), original.rawQuery(), headers,
                original.body(), original.sourceIp(), original.protocol(), clock.instant());
    }
}
