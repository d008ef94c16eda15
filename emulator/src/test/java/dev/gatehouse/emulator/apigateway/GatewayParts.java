package dev.gatehouse.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.ExecuteApiPolicy;
import dev.gatehouse.emulator.iam.Principal;
import dev.gatehouse.emulator.lambda.Functions;
import dev.gatehouse.emulator.sigv4.SigV4Verifier;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real parts behind a pipeline: a configuration, its route table, a {@link CredentialStore} that issued the
 * callers' credentials, the real {@link SigV4Verifier} over it, the role policy of each identity, and the real
 * {@link Functions} running the {@link PipelineHandlers} in process. Requests are signed by the AWS SDK v2 signer.
 */
final class GatewayParts implements AutoCloseable {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final String API_ID = "gh0notes01";
    static final Instant NOW = Instant.parse("2026-03-14T15:09:26Z");
    static final String HOST = "localhost:4566";

    /** Allowed every call on the API but DELETE, which is denied explicitly. */
    static final CognitoIdentity ALICE = new CognitoIdentity("us-east-1:11111111-2222-3333-4444-555555555555",
            "us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e", "cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse",
            "1b6d2e83-5c8f-4e2b-8d4f-1b2c3d4e5f60");
    /** An identity whose role has no policy at all. */
    static final CognitoIdentity BOB = new CognitoIdentity("us-east-1:99999999-2222-3333-4444-555555555555",
            "us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e", "cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse",
            "2c7e3f94-6d9a-4f3c-9e5a-2c3d4e5f6a71");
    static final String AUTH_ROLE_ARN =
            "arn:aws:sts::123456789012:assumed-role/notes-CognitoAuthRole/CognitoIdentityCredentials";

    static final ExecuteApiPolicy POLICY = ExecuteApiPolicy.parse(json("""
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "execute-api:Invoke",
               "Resource": "arn:aws:execute-api:us-east-1:123456789012:gh0notes01/*"},
              {"Effect": "Deny", "Action": "execute-api:Invoke",
               "Resource": "arn:aws:execute-api:us-east-1:123456789012:gh0notes01/*/DELETE/*"}]}"""));

    final GatehouseConfig config;
    final RouteTable routes;
    final CredentialStore store = new CredentialStore(Clock.fixed(NOW, ZoneOffset.UTC), Optional.empty());
    final Credentials alice;
    final Credentials bob;
    /** A function's execution role: an assumed role without a Cognito identity. */
    final Credentials functionRole;
    final Credentials developer;
    final Functions functions;
    final ApiPipeline pipeline;

    GatewayParts(GatehouseConfig.Api api, GatehouseConfig.Route... routes) {
        config = new GatehouseConfig(Path.of("gatehouse.json"), REGION, ACCOUNT, api,
                new GatehouseConfig.FunctionDefaults(10, 512, Map.of()), List.of(routes), List.of(), null, null,
                null, List.of());
        this.routes = RouteTable.of(api, config.routes());
        alice = store.issue(new Principal.AssumedRole(ACCOUNT, "notes-CognitoAuthRole", "AROAGATEHOUSEAUTHROLE1",
                ALICE), Duration.ofHours(1));
        bob = store.issue(new Principal.AssumedRole(ACCOUNT, "notes-CognitoAuthRole", "AROAGATEHOUSEAUTHROLE1",
                BOB), Duration.ofHours(1));
        functionRole = store.issue(new Principal.AssumedRole(ACCOUNT, "notes-FunctionRole", "AROAGATEHOUSEFUNCTION1",
                null), Duration.ofHours(1));
        developer = store.registerDeveloper(ACCOUNT, new GatehouseConfig.Developer("gatehouse-developer",
                "AIDAGATEHOUSEDEVELOPR", "AKIAGATEHOUSETESTDEV1", "dEvElOpErSeCrEt/EXAMPLEKEY"));
        SigV4Verifier verifier = SigV4Verifier.executeApi(store, Clock.fixed(NOW, ZoneOffset.UTC), REGION);
        functions = Functions.load(config);
        functions.start(REGION, null);
        pipeline = ApiPipeline.of(new ApiPipeline.Parts(config, this.routes, verifier, functions,
                identity -> identity.equals(ALICE) ? POLICY : null));
    }

    static GatehouseConfig.Route route(String routeKey, Class<?> handler, String authorization) {
        return route(routeKey, handler, authorization, 10);
    }

    static GatehouseConfig.Route route(String routeKey, Class<?> handler, String authorization, int timeoutSeconds) {
        return new GatehouseConfig.Route(routeKey, handler.getName(), authorization, timeoutSeconds, 512, Map.of());
    }

    @Override
    public void close() {
        functions.close();
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A request to send: the path as sent (encoded), decoded query parameters, headers, body. */
    static final class Call {
        final String method;
        final String path;
        final List<String[]> query = new ArrayList<>();
        final List<Map.Entry<String, String>> headers = new ArrayList<>();
        byte[] body = new byte[0];

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        static Call of(String method, String path) {
            return new Call(method, path);
        }

        Call query(String name, String value) {
            query.add(new String[] {name, value});
            return this;
        }

        Call header(String name, String value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        Call body(byte[] bytes) {
            body = bytes;
            return this;
        }

        private SdkHttpRequest sdkRequest() {
            SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                    .protocol("http").host("localhost").port(4566).encodedPath(path);
            query.forEach(q -> b.appendRawQueryParameter(q[0], q[1]));
            headers.forEach(h -> b.appendHeader(h.getKey(), h.getValue()));
            return b.build();
        }

        /** Sent as is, without a signature. */
        IncomingRequest unsigned() {
            return wire(sdkRequest());
        }

        /** Signed by the AWS SDK v2 signer with these credentials, at {@link #NOW}. */
        IncomingRequest signedBy(Credentials c) {
            byte[] payload = body;
            SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(c.sessionToken() == null
                            ? AwsCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey())
                            : AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(),
                            c.sessionToken()))
                    .request(sdkRequest())
                    .payload(() -> new ByteArrayInputStream(payload))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))).request();
            return wire(signed);
        }

        private IncomingRequest wire(SdkHttpRequest r) {
            List<Map.Entry<String, String>> wire = new ArrayList<>();
            if (r.firstMatchingHeader("Host").isEmpty()) {
                wire.add(Map.entry("Host", HOST));
            }
            r.forEachHeader((name, values) -> values.forEach(v -> wire.add(Map.entry(name, v))));
            return new IncomingRequest(r.method().name(), r.encodedPath(), r.encodedQueryParameters().orElse(null),
                    wire, body, "203.0.113.7", "HTTP/1.1", NOW);
        }
    }

    /** The gateway answered alone: no event was built and the function did not run. */
    static void assertNotInvoked(ApiOutcome o) {
        assertNull(o.event(), "no event was built");
        assertNull(o.invocation(), "the function did not run");
    }
}
