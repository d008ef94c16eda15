package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.awsjson.AwsJsonCall;
import dev.gatehouse.emulator.awsjson.AwsJsonError;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * A minimal awsJson1.1 front for tests: dispatches {@code X-Amz-Target} to the pool on 127.0.0.1, port 0. It treats a
 * request whose Authorization names the developer's access key as signed by the developer, and one naming an
 * {@code ASIA} key as signed by an identity pool role (the real dispatcher verifies signatures; this one does not).
 */
final class TestCognitoServer implements AutoCloseable {
    static final GatehouseConfig.Developer DEVELOPER = new GatehouseConfig.Developer("gatehouse-developer",
            "AIDAGATEHOUSEDEVELOPR", "AKIAGATEHOUSEDEVELOP", "gatehouse/developer/secret/key/not/for/aws00");
    static final String ROLE_KEY = "ASIAGATEHOUSETESTROLE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final UserPool pool;
    private final Javalin app;

    TestCognitoServer(UserPool pool) {
        this.pool = pool;
        this.app = Javalin.create(cfg -> {
            cfg.jetty.host = "127.0.0.1";
            cfg.routes.post("/", this::dispatch);
            cfg.routes.options("/", ctx -> ctx.header("Access-Control-Allow-Origin", "*")
                    .header("Access-Control-Allow-Headers", "*").header("Access-Control-Allow-Methods", "POST"));
        }).start(0);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    private void dispatch(Context ctx) {
        String target = ctx.header("X-Amz-Target");
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("x-amzn-RequestId", UUID.randomUUID().toString());
        ctx.contentType("application/x-amz-json-1.1");
        try {
            if (target == null || !target.startsWith(pool.targetPrefix() + ".")) {
                throw new AwsJsonError("UnknownOperationException", "");
            }
            JsonNode body = JSON.readTree(ctx.body().isEmpty() ? "{}" : ctx.body());
            AwsJsonCall call = new AwsJsonCall("test", signer(ctx.header("Authorization")), ctx.ip());
            Object out = pool.handle(target.substring(target.indexOf('.') + 1), body, call);
            ctx.result(JSON.writeValueAsString(out));
        } catch (AwsJsonError e) {
            ctx.status(e.status());
            ctx.header("x-amzn-ErrorType", e.type() + ":");
            ctx.result(JSON.createObjectNode().put("__type", e.type()).put("message", e.getMessage()).toString());
        } catch (Exception e) {
            ctx.status(400);
            ctx.result(JSON.createObjectNode().put("__type", "SerializationException").put("message",
                    String.valueOf(e.getMessage())).toString());
        }
    }

    private static Optional<Credentials> signer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.contains("Credential=" + DEVELOPER.accessKeyId() + "/")) {
            return Optional.of(new Credentials(DEVELOPER.accessKeyId(), DEVELOPER.secretAccessKey(), null, null,
                    new Principal.IamUser("123456789012", DEVELOPER.userName(), DEVELOPER.iamUserId())));
        }
        if (authorization.contains("Credential=" + ROLE_KEY + "/")) {
            return Optional.of(new Credentials(ROLE_KEY, "secret", "token", null, new Principal.AssumedRole(
                    "123456789012", "notes-CognitoAuthRole", "AROAGATEHOUSEAUTHROLE1",
                    new CognitoIdentity("us-east-1:" + UUID.randomUUID(), "us-east-1:pool", null, null))));
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        app.stop();
    }
}
