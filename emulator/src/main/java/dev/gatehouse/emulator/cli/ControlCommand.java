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
        subcommands = {ControlCommand.Clock.class, ControlCommand.ClientSkew.class, ControlCommand.ExpireCredentials.class,
                ControlCommand.Disable.class, ControlCommand.Enable.class, ControlCommand.RotateKeys.class})
final class ControlCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "clock", mixinStandardHelpOptions = true,
            description = {"Shifts or stops the time that ages tokens, identity credentials, confirmation codes and "
                    + "lockouts (request signatures and SRP timestamps stay on the real clock: see client-skew). "
                    + "Without options, prints both times.",
                    "  ./gatehouse control clock --offset 7200    # 2 hours later: credentials issued now expired",
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
            print(state);
            return 0;
        }
    }

    static void print(JsonNode state) {
        System.out.println("Gatehouse's clock (tokens, credentials, codes): " + state.path("now").asText() + " (offset "
                + state.path("offsetSeconds").asText() + " s"
                + (state.hasNonNull("frozenAt") ? ", frozen at " + state.get("frozenAt").asText() : "") + ")");
        long skew = state.path("clientSkewSeconds").asLong();
        System.out.println("Signature clock (SigV4 dates, SRP timestamps): " + state.path("signatureNow").asText()
                + (skew == 0 ? " (real time)" : " (clients simulated " + Math.abs(skew) + " s "
                + (skew > 0 ? "behind" : "ahead") + ")"));
    }

    @Command(name = "client-skew", mixinStandardHelpOptions = true,
            description = {"Simulates clients whose clocks are wrong: their request signatures and SRP timestamps "
                    + "are compared with the real time plus SECONDS (positive: clients are behind, so their "
                    + "signatures look old; negative: ahead). 0 ends it. Tokens and credentials are not aged by it.",
                    "  ./gatehouse control client-skew 600     # every client 10 minutes behind: 403 signature expired",
                    "  ./gatehouse control client-skew 0"})
    static final class ClientSkew implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "SECONDS", arity = "0..1")
        Long seconds;

        @Mixin
        EndpointOptions endpoint;

        @Override
        public Integer call() {
            AdminClient admin = new AdminClient(endpoint.endpoint);
            print(seconds == null ? admin.get("client-skew")
                    : admin.post("client-skew", "{\"seconds\":" + seconds + "}"));
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
