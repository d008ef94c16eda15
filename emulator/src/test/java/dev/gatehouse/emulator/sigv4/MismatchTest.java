package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The developer's side of a signature mismatch: each common client mistake, signed by hand as that client signs, is
 * named in the explanation, and the CanonicalRequest the client really signed is shown beside the expected one (the
 * console and the call record show both). When no known mistake reproduces the signature, the request as sent is
 * shown in canonical form.
 */
class MismatchTest {

    private final SigV4Verifier verifier = SdkSigning.verifier(Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC));

    private Verdict.Refused mismatch(IncomingRequest request) {
        Verdict verdict = verifier.verify(request);
        Verdict.Refused refused = assertInstanceOf(Verdict.Refused.class, verdict, verdict::toString);
        assertEquals(RefusalReason.SIGNATURE_MISMATCH, refused.reason(), refused::toString);
        return refused;
    }

    /** The client's CanonicalRequest is the one it signed, and Gatehouse says the signature reproduces with it. */
    private static void showsWhatTheClientSigned(HandSigner client, Verdict.Refused refused) {
        assertEquals(client.canonical, refused.client().canonicalRequest());
        assertTrue(refused.client().signatureMatches());
        assertTrue(refused.client().stringToSign().endsWith("\n" + HandSigner.sha256(client.canonical)),
                refused.client().stringToSign());
    }

    @Test
    void a_path_signed_exactly_as_sent_is_named_as_curls_mistake() {
        HandSigner curl = new HandSigner();
        curl.path = "/notes/./a%20b"; // signed as sent: neither normalized nor encoded twice
        Verdict.Refused r = mismatch(curl.headerSigned());
        assertEquals("path was signed exactly as sent (as curl --aws-sigv4 does), but this service normalizes it and"
                + " encodes each segment twice: avoid dot segments, '//' and percent-escapes in the path, or sign with"
                + " an AWS SDK", r.explanation());
        showsWhatTheClientSigned(curl, r);
        assertTrue(r.canonicalRequest().startsWith("GET\n/notes/a%2520b\n"), r.canonicalRequest());
    }

    @Test
    void query_parameters_signed_in_the_order_sent_are_named_unsorted() {
        HandSigner client = new HandSigner();
        client.query = "limit=10&after=2";
        client.canonicalQuery = "limit=10&after=2";
        Verdict.Refused r = mismatch(client.headerSigned());
        assertEquals("query string parameters were not sorted when signing (sort by name, then value)", r.explanation());
        showsWhatTheClientSigned(client, r);
    }

    @Test
    void a_query_signed_as_sent_without_re_encoding_is_named() {
        HandSigner client = new HandSigner();
        client.query = "name=%7euser";
        client.canonicalQuery = "name=%7euser"; // AWS signs name=~user (unreserved characters are not escaped)
        Verdict.Refused r = mismatch(client.headerSigned());
        assertEquals("query string was signed exactly as sent: parameters must be decoded, re-encoded (RFC 3986) and"
                + " sorted", r.explanation());
        showsWhatTheClientSigned(client, r);
        assertTrue(r.canonicalRequest().startsWith("GET\n/notes\nname=~user\n"), r.canonicalRequest());
    }

    @Test
    void a_body_added_after_signing_an_empty_one_is_named() {
        HandSigner client = new HandSigner();
        client.method = "POST";
        client.body = "{\"content\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        Verdict.Refused r = mismatch(client.headerSigned());
        assertEquals("the signature covers an empty body, but a body of 15 bytes was received: the body was added or"
                + " changed after signing", r.explanation());
        showsWhatTheClientSigned(client, r);
    }

    @Test
    void unsigned_payload_signed_without_declaring_it_is_named() {
        HandSigner client = new HandSigner();
        client.method = "POST";
        client.body = "{\"content\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        client.payloadHash = "UNSIGNED-PAYLOAD"; // and no x-amz-content-sha256 header saying so
        Verdict.Refused r = mismatch(client.headerSigned());
        assertEquals("the request was signed with UNSIGNED-PAYLOAD: the body must be signed (SDK:"
                + " PAYLOAD_SIGNING_ENABLED=true)", r.explanation());
        showsWhatTheClientSigned(client, r);
    }

    @Test
    void when_no_known_mistake_explains_it_the_request_as_sent_is_shown_and_said_not_to_match() {
        HandSigner client = new HandSigner();
        client.path = "/notes/a%20b";
        client.query = "limit=10&after=%7e";
        client.canonicalQuery = client.query;
        client.secret = "not-the-secret-issued";
        Verdict.Refused r = mismatch(client.headerSigned());
        assertTrue(r.explanation().startsWith("the secret key is not the one issued with ASIAGATEHOUSEEXAMPLE"),
                r.explanation());
        // path and query as sent, the headers as signed, the body's hash: what this client put in its signature
        assertEquals(client.canonical, r.client().canonicalRequest());
        assertFalse(r.client().signatureMatches());
    }

    @Test
    void a_presigned_url_no_mistake_explains_is_shown_with_its_query_as_sent_less_the_signature() {
        SdkSigning.Call call = new SdkSigning.Call();
        call.queryAuth = true;
        call.expiration = Duration.ofMinutes(5);
        IncomingRequest signed = call.query("limit", "10").incoming();
        String query = signed.rawQuery();
        String signature = query.substring(query.indexOf("X-Amz-Signature=") + 16, query.indexOf("X-Amz-Signature=") + 80);
        String other = signature.substring(0, 63) + (signature.endsWith("0") ? "1" : "0");
        IncomingRequest tampered = SdkSigning.with(signed, signed.method(), signed.rawPath(),
                query.replace(signature, other), signed.headers(), signed.body());
        Verdict.Refused r = mismatch(tampered);
        String[] lines = r.client().canonicalRequest().split("\n", -1);
        assertEquals("/notes", lines[1]);
        assertEquals(query.replace("&X-Amz-Signature=" + signature, "").replace("X-Amz-Signature=" + signature + "&", ""),
                lines[2]);
        assertFalse(r.client().signatureMatches());
    }
}
