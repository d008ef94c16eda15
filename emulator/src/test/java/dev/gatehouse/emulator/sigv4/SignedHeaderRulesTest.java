package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The host must be signed: over HTTP/2 {@code :authority} may stand for it, over HTTP/1.1 it binds nothing (the Host
 * header would be free to change), so a signature over {@code :authority} alone is refused there.
 */
class SignedHeaderRulesTest {

    private final SigV4Verifier verifier = SdkSigning.verifier(Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC));

    private static HandSigner authorityInsteadOfHost(String protocol) {
        HandSigner client = new HandSigner();
        client.signHost = false;
        client.sign(":authority", SdkSigning.HOST);
        client.protocol = protocol;
        return client;
    }

    @Test
    void authority_stands_for_host_over_http2() {
        assertInstanceOf(Verdict.Accepted.class, verifier.verify(authorityInsteadOfHost("HTTP/2.0").headerSigned()));
    }

    @Test
    void authority_without_host_over_http_1_1_is_refused_and_says_why() {
        Verdict.Refused r = assertInstanceOf(Verdict.Refused.class,
                verifier.verify(authorityInsteadOfHost("HTTP/1.1").headerSigned()));
        assertEquals(RefusalReason.HOST_NOT_SIGNED, r.reason());
        assertEquals("SignedHeaders is ':authority;x-amz-date;x-amz-security-token': the host header must be signed"
                + " (':authority' is HTTP/2's; over HTTP/1.1 it does not bind the Host header)", r.explanation());
    }

    @Test
    void authority_without_host_and_without_a_protocol_is_refused() {
        Verdict.Refused r = assertInstanceOf(Verdict.Refused.class,
                verifier.verify(authorityInsteadOfHost(null).headerSigned()));
        assertEquals(RefusalReason.HOST_NOT_SIGNED, r.reason());
    }

    @Test
    void neither_host_nor_authority_is_refused_over_http2_too() {
        HandSigner client = new HandSigner();
        client.signHost = false;
        client.protocol = "HTTP/2.0";
        Verdict.Refused r = assertInstanceOf(Verdict.Refused.class, verifier.verify(client.headerSigned()));
        assertEquals(RefusalReason.HOST_NOT_SIGNED, r.reason());
        assertEquals("SignedHeaders is 'x-amz-date;x-amz-security-token': the host header must be signed",
                r.explanation());
        assertEquals("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", r.awsMessage());
    }

    @Test
    void host_signed_by_hand_is_accepted_over_both_protocols() {
        for (String protocol : new String[] {"HTTP/1.1", "HTTP/2.0"}) {
            HandSigner client = new HandSigner();
            client.protocol = protocol;
            assertInstanceOf(Verdict.Accepted.class, verifier.verify(client.headerSigned()), protocol);
        }
    }
}
