package dev.gatehouse.emulator.cognito.userpool;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guards SrpChallenges' bound and what the SRP state prints (never a secret). */
class SrpChallengesTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

    static SrpChallenges.Pending pending(String userIdForSrp) {
        return SrpChallenges.Pending.of(userIdForSrp, userIdForSrp, BigInteger.TWO, BigInteger.valueOf(12345),
                BigInteger.valueOf(7), BigInteger.valueOf(99), NOW);
    }

    @Test
    void ten_thousand_challenges_wait_and_the_oldest_is_dropped_first_beyond_that() {
        SrpChallenges challenges = new SrpChallenges();
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i <= SrpChallenges.MAX_PENDING; i++) {
            blocks.add(challenges.open(pending("user-" + i)));
        }
        assertTrue(challenges.take(blocks.get(0), NOW).isEmpty(), "the oldest is dropped");
        assertEquals("user-1", challenges.take(blocks.get(1), NOW).orElseThrow().pending().userIdForSrp());
        assertEquals("user-" + SrpChallenges.MAX_PENDING,
                challenges.take(blocks.get(SrpChallenges.MAX_PENDING), NOW).orElseThrow().pending().userIdForSrp());
    }

    @Test
    void srp_state_prints_the_user_but_never_the_ephemeral_secret_or_the_verifier() {
        SrpChallenges.Pending p = pending("8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f");
        assertEquals("Pending[8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f]", p.toString());
        PasswordVerifier verifier = PasswordVerifier.of("GateHouse", "8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f",
                "Passw0rd!");
        assertEquals("PasswordVerifier[...]", verifier.toString());
        assertFalse(verifier.toString().contains(verifier.salt()));
    }
}
