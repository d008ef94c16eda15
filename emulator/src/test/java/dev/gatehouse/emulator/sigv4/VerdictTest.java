package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What a verification hands on: accepted or not, AWS's error type per service, and nothing secret when printed. */
class VerdictTest {

    private final SigV4Verifier verifier = SdkSigning.verifier(Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC));

    @Test
    void a_verdict_says_whether_it_accepts() {
        IncomingRequest good = new SdkSigning.Call().incoming();
        assertTrue(verifier.verify(good).accepted());
        assertFalse(verifier.verify(SdkSigning.withHeader(good, "X-Amz-Date", "20260314T150927Z")).accepted());
    }

    @Test
    void the_verifier_names_its_region_service_and_signature_time() {
        assertEquals("us-east-1", verifier.region());
        assertEquals("execute-api", verifier.service());
        assertEquals(SdkSigning.NOW, verifier.now());
    }

    @Test
    void a_refusal_prints_its_reason_and_explanation_but_not_the_signed_values() {
        IncomingRequest good = new SdkSigning.Call().incoming();
        Verdict.Refused r = (Verdict.Refused) verifier.verify(SdkSigning.withHeader(good, "Host", "example.com"));
        String printed = r.toString();
        assertTrue(printed.startsWith("Refused[SIGNATURE_MISMATCH (InvalidSignatureException): "), printed);
        assertTrue(printed.contains(r.explanation()), printed);
        assertFalse(printed.contains(SdkSigning.TEMPORARY.sessionToken()), printed);
        assertFalse(printed.contains(r.canonicalRequest()), printed);
    }

    /** {@code control client-skew} moves the signature clock only: the window follows it, credentials' expiry does not. */
    @Test
    void the_signature_window_follows_the_signature_clock_and_expiry_the_credentials_clock() {
        Clock credentialsClock = Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC);
        SigV4Verifier skewed = SigV4Verifier.executeApi(SdkSigning::lookup, credentialsClock,
                Clock.fixed(SdkSigning.NOW.plusSeconds(600), ZoneOffset.UTC), "us-east-1");
        Verdict.Refused r = (Verdict.Refused) skewed.verify(new SdkSigning.Call().incoming());
        assertEquals(RefusalReason.SIGNATURE_EXPIRED, r.reason());
        SigV4Verifier late = SigV4Verifier.executeApi(SdkSigning::lookup,
                Clock.fixed(SdkSigning.NOW.plusSeconds(7200), ZoneOffset.UTC), credentialsClock, "us-east-1");
        assertEquals(RefusalReason.EXPIRED_CREDENTIALS,
                ((Verdict.Refused) late.verify(new SdkSigning.Call().incoming())).reason());
    }

    /** API Gateway answers credentials it does not know with AccessDeniedException; other services do not. */
    @Test
    void error_types_are_awss_for_each_service() {
        assertEquals("UnrecognizedClientException", RefusalReason.UNKNOWN_ACCESS_KEY.errorType());
        assertEquals("AccessDeniedException", RefusalReason.UNKNOWN_ACCESS_KEY.errorType("execute-api"));
        assertEquals("UnrecognizedClientException", RefusalReason.UNKNOWN_ACCESS_KEY.errorType("cognito-identity"));
        assertEquals("InvalidSignatureException", RefusalReason.SIGNATURE_MISMATCH.errorType("execute-api"));
        assertEquals("IncompleteSignatureException",
                new Verdict.Refused(RefusalReason.MALFORMED_EXPIRES, "m", "e", null, null, null).errorType());
    }

    @Test
    void signing_keys_are_derived_once_per_day_region_and_service_and_the_cache_stays_bounded() {
        SigningKeys keys = new SigningKeys();
        byte[] first = keys.signingKey("secret", "20260314", "us-east-1", "execute-api");
        assertArrayEquals(SigningKeys.derive("secret", "20260314", "us-east-1", "execute-api"), first);
        assertEquals(1, keys.size());
        keys.signingKey("secret", "20260315", "us-east-1", "execute-api");
        assertEquals(2, keys.size());
        for (int i = 0; i < SigningKeys.MAX_ENTRIES; i++) {
            keys.signingKey("secret" + i, "20260314", "us-east-1", "execute-api");
            assertTrue(keys.size() <= SigningKeys.MAX_ENTRIES, "cache size " + keys.size());
        }
        assertArrayEquals(SigningKeys.derive("secret7", "20260314", "us-east-1", "execute-api"),
                keys.signingKey("secret7", "20260314", "us-east-1", "execute-api"));
    }
}
