package dev.gatehouse.emulator.cli;

import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.client.SignIn;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.util.concurrent.Callable;

/** {@code ./gatehouse credentials EMAIL | --developer}: shell exports for curl --aws-sigv4 and the AWS CLI. */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = {"Prints export lines for a user's identity-pool credentials, obtained through the same flow a "
                + "client uses (user pool SRP sign-in, GetId, GetCredentialsForIdentity):",
                "  eval \"$(./gatehouse credentials admin@example.com)\"",
                "With --developer, prints the developer's long-term credentials, which sign the user pool's Admin* "
                        + "operations."})
final class CredentialsCommand implements Callable<Integer> {

    @ArgGroup(multiplicity = "1")
    Who who;

    static final class Who {
        @Parameters(paramLabel = "EMAIL", description = "The user to sign in as.")
        String email;

        @Option(names = "--developer", description = "The developer's long-term IAM credentials.")
        boolean developer;
    }

    @Option(names = "--password", description = "The user's password (default: the test user's from the "
            + "configuration).")
    String password;

    @Mixin
    EndpointOptions endpoint;

    @Mixin
    TestUserOptions users;

    @Override
    public Integer call() {
        Outputs outputs = endpoint.outputs();
        if (who.developer) {
            JsonNode d = new AdminClient(endpoint.endpoint).get("credentials/developer");
            System.out.println("export AWS_ACCESS_KEY_ID=" + d.path("accessKeyId").asText() + " AWS_SECRET_ACCESS_KEY="
                    + d.path("secretAccessKey").asText() + " AWS_DEFAULT_REGION=" + outputs.region());
            System.out.println("unset AWS_SESSION_TOKEN");
            return 0;
        }
        try (SignIn signIn = new SignIn(outputs, endpoint.endpoint, Clock.systemUTC())) {
            SignIn.Tokens tokens = signIn.srp(who.email, users.passwordFor(who.email, password));
            SignIn.IdentityCredentials c = signIn.credentials(tokens.idToken());
            System.out.println("export AWS_ACCESS_KEY_ID=" + c.accessKeyId() + " AWS_SECRET_ACCESS_KEY="
                    + c.secretAccessKey() + " AWS_SESSION_TOKEN=" + c.sessionToken() + " AWS_DEFAULT_REGION="
                    + outputs.region());
            System.out.println("# identity " + c.identityId() + ", expires " + c.expiration());
        }
        return 0;
    }
}
