package dev.gatehouse.emulator.e2e;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.config.GatehouseConfig;

import java.time.Clock;

/** The configuration's test users, signed in the real way: user pool SRP, then GetId + GetCredentialsForIdentity. */
final class TestUsers {
    static final String ADMIN = "admin@example.com";
    static final String ALICE = "alice@example.com";
    static final String BOB = "bob@example.com";
    static final String CAROL = "carol@example.com";

    private TestUsers() {
    }

    static SignIn.IdentityCredentials signIn(Gatehouse gatehouse, String email) {
        try (SignIn signIn = new SignIn(gatehouse.outputs(), gatehouse.baseUri(), Clock.systemUTC())) {
            return signIn.credentials(signIn.srp(email, user(gatehouse, email).password()).idToken());
        }
    }

    static GatehouseConfig.User user(Gatehouse gatehouse, String email) {
        return gatehouse.config().users().stream().filter(u -> u.email().equals(email)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(email + " is not a test user"));
    }
}
