package dev.gatehouse.emulator.cognito.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The pools of {@code fixtures/gatehouse.json}, read directly (the configuration loader is another package's). */
final class Fixture {
    static final Path FILE = Path.of("..", "fixtures", "gatehouse.json");
    static final JsonNode JSON = read();

    static GatehouseConfig.UserPool userPool() {
        JsonNode u = JSON.get("userPool");
        return new GatehouseConfig.UserPool(u.get("id").asText(), u.get("name").asText(), u.get("clientId").asText(),
                List.of("USER_SRP_AUTH"), 60, 60, 30);
    }

    static GatehouseConfig.IdentityPool identityPool(boolean allowUnauthenticated) {
        JsonNode p = JSON.get("identityPool");
        return new GatehouseConfig.IdentityPool(p.get("id").asText(), p.get("name").asText(), allowUnauthenticated,
                p.get("credentialsMinutes").asInt(), role(p.get("authenticatedRole")),
                role(p.get("unauthenticatedRole")));
    }

    static String accountId() {
        return JSON.get("accountId").asText();
    }

    private static GatehouseConfig.Role role(JsonNode r) {
        return new GatehouseConfig.Role(r.get("name").asText(), r.get("roleId").asText(), r.get("policy"));
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Fixture() {
    }
}
