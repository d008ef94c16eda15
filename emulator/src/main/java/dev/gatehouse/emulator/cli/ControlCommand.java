package dev.gatehouse.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code ./gatehouse control ...}: time and revocation, without waiting. */
@Command(name = "control", mixinStandardHelpOptions = true,
        description = "Changes a running Gatehouse to reproduce time and revocation without waiting.",
        subcommands = {ControlCommand.Clock.class, ControlCommand.ExpireCredentials.class,
                ControlCommand.Disable.class, ControlCommand.Enable.class, ControlCommand.RotateKeys.class})
final class ControlCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "clock", mixinStandardHelpOptions = true,
            description = {"Shifts or stops the clock of the authorizer and the token checks (signature time, "
                    + "credential and token expiry). Without options, prints it.",
                    "  ./gatehouse control clock --offset 600     # Gatehouse is 10 minutes ahead",
                    "  ./gatehouse control clock --reset"})
    static final class Clock implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Change change;

        static final class Change {
            @Option(names = "--offset", paramLabel = "SECONDS", description = "Shift by this many seconds (negative:"
                    + " behind).")
            Long offset;

            @Option(names = "--frozen-at", paramLabel = "INSTANT", description = "Stop at this ISO-8601 instant.")
            Instant frozenAt;

            @Option(names = "--reset", description = "Follow the system clock again.")
            boolean reset;
        }

        @Mixin
        EndpointOptions endpoint;

        @Override
        public Integer call() {
            AdminClient admin = new AdminClient(endpoint.endpoint);
            JsonNode state;
            if (change == null) {
                state = admin.get("clock");
            } else if (change.offset != null) {
                state = admin.post("clock", "{\"offsetSeconds\":" + change.offset + "}");
            } else if (change.frozenAt != null) {
                state = admin.post("clock", "{\"frozenAt\":\"" + change.frozenAt + "\"}");
            } else {
                state = admin.post("clock", "{\"reset\":true}");
            }
            System.out.println("Gatehouse's clock: " + state.path("now").asText() + " (offset "
                    + state.path("offsetSeconds").asText() + " s"
                    + (state.hasNonNull("frozenAt") ? ", frozen at " + state.get("frozenAt").asText() : "") + ")");
            return 0;
        }
    }

    abstract static class UserAction implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "EMAIL")
        String email;

        @Mixin
        EndpointOptions endpoint;

        abstract String action();

        /** One line saying what changed, as every control command prints. */
        abstract String done(JsonNode answer);

        @Override
        public Integer call() {
            JsonNode r = new AdminClient(endpoint.endpoint).post("users/" + AdminClient.encode(email) + "/"
                    + action(), "");
            System.out.println(done(r));
            return 0;
        }
    }

    @Command(name = "expire-credentials", mixinStandardHelpOptions = true,
            description = "Makes every credential issued to the user's identity expire now.")
    static final class ExpireCredentials extends UserAction {
        String action() {
            return "expire-credentials";
        }

        String done(JsonNode r) {
            return r.path("expired").asInt() + " credential(s) of " + email + " (identity "
                    + r.path("identityId").asText() + ") expired now";
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disables the user (AdminDisableUser): sign-in and token refresh are refused.")
    static final class Disable extends UserAction {
        String action() {
            return "disable";
        }

        String done(JsonNode r) {
            return email + " is disabled: sign-in and token refresh are refused";
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enables the user again.")
    static final class Enable extends UserAction {
        String action() {
            return "enable";
        }

        String done(JsonNode r) {
            return email + " is enabled again";
        }
    }

    @Command(name = "rotate-keys", mixinStandardHelpOptions = true,
            description = "Rotates the user pool's signing keys: ID tokens issued before are refused by the identity "
                    + "pool.")
    static final class RotateKeys implements Callable<Integer> {
        @Mixin
        EndpointOptions endpoint;

        @Override
        public Integer call() {
            new AdminClient(endpoint.endpoint).post("keys/rotate", "");
            System.out.println("rotated the user pool's signing keys");
            return 0;
        }
    }
}
