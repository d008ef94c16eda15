package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignedCall;
import dev.gatehouse.emulator.client.SignIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code ./gatehouse call --user EMAIL METHOD PATH [BODY]}: the guide's three steps, like its apig-test. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Signs in to the user pool (SRP), gets identity-pool credentials, and makes a SigV4-signed "
                + "API call; prints the status and the JSON body. Exits 1 when the call fails.",
                "  ./gatehouse call --user admin@example.com POST /notes '{\"content\":\"hello world\"}'"})
final class CallCommand implements Callable<Integer> {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    @Option(names = "--user", required = true, paramLabel = "EMAIL", description = "The user to call as.")
    String user;

    @Option(names = "--password", description = "The user's password (default: the test user's from the "
            + "configuration).")
    String password;

    @Parameters(index = "0", paramLabel = "METHOD", description = "GET, POST, PUT, PATCH, DELETE, ...")
    String method;

    @Parameters(index = "1", paramLabel = "PATH", description = "The API path, e.g. /notes (query allowed).")
    String path;

    @Parameters(index = "2", arity = "0..1", paramLabel = "BODY", description = "A JSON body.")
    String body;

    @Mixin
    EndpointOptions endpoint;

    @Mixin
    TestUserOptions users;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String verb = method.toUpperCase(Locale.ROOT);
        if (!METHODS.contains(verb)) {
            throw new IllegalArgumentException("METHOD must be one of " + METHODS + ", got " + method);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("PATH must start with /, got " + path);
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (body != null) {
            try {
                json.readTree(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("BODY is not valid JSON: " + e.getMessage());
            }
        }
        Outputs outputs = endpoint.outputs();
        System.err.println("Authenticating with User Pool");
        try (SignIn signIn = new SignIn(outputs, endpoint.endpoint, Clock.systemUTC())) {
            SignIn.Tokens tokens = signIn.srp(user, users.passwordFor(user, password));
            System.err.println("Getting temporary credentials");
            SignIn.IdentityCredentials credentials = signIn.credentials(tokens.idToken());
            System.err.println("Making API request");
            SignedCall.Response r = SignedCall.send(outputs.region(), credentials, verb,
                    URI.create(outputs.apiEndpoint()), path, body);
            System.out.println(r.status());
            try {
                JsonNode parsed = json.readTree(r.body());
                System.out.println(parsed == null ? "" : json.writeValueAsString(parsed));
            } catch (IOException notJson) {
                System.out.println(r.body());
            }
            return r.status() >= 200 && r.status() < 300 ? 0 : 1;
        }
    }
}
