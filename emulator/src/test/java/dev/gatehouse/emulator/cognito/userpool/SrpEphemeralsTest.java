package dev.gatehouse.emulator.cognito.userpool;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;

import static dev.gatehouse.emulator.cognito.SpareCoreTest.awaitSpareCore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server ephemerals made ahead: each {@code B = k·v + g^b} with its own {@code b}, taken ahead or not. */
class SrpEphemeralsTest {
    @Test
    void a_pair_made_ahead_is_b_and_g_to_the_b() {
        BigInteger[] pair = Srp.newGToTheB();
        assertTrue(pair[0].signum() > 0 && pair[0].bitLength() <= 256, "b is 256 random bits");
        assertTrue(pair[0].bitLength() > 200, "b is not small (2^-56 chance of a false failure)");
        assertEquals(Srp.G.modPow(pair[0], Srp.N), pair[1]);
    }

    @Test
    void every_server_ephemeral_is_k_v_plus_g_to_the_b_with_a_b_of_its_own() throws Exception {
        BigInteger v = Srp.verifier(Srp.newSalt(), "pool", "user", "Passw0rd!");
        Set<BigInteger> bs = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            Srp.ServerEphemeral e = Srp.serverEphemeral(v);
            assertEquals(Srp.K.multiply(v).add(Srp.G.modPow(e.b(), Srp.N)).mod(Srp.N), e.B());
            assertTrue(bs.add(e.b()), "b used twice at " + i);
            if (i % 2 == 1) {
                awaitSpareCore(); // the next two come from the stock
            }
        }
    }
}
