package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks whose weakening mutation testing showed no other test would notice: each test names the check it guards, and
 * fails when that check is loosened (issue 18's survivors).
 */
class GuardsTest {

    private final SigV4Verifier verifier = SdkSigning.verifier(Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC));

    private Verdict.Refused refused(IncomingRequest request, RefusalReason reason) {
        Verdict verdict = verifier.verify(request);
        Verdict.Refused refused = assertInstanceOf(Verdict.Refused.class, verdict, verdict::toString);
        assertEquals(reason, refused.reason(), refused::toString);
        return refused;
    }

    private static SdkSigning.Call presigned(Duration expires) {
        SdkSigning.Call c = new SdkSigning.Call();
        c.queryAuth = true;
        c.expiration = expires;
        return c;
    }

    /** Guards ScopeAndTime: X-Amz-Expires=0 is a presigned URL valid for no time, not one under the 5-minute rule. */
    @Test
    void presigned_url_with_zero_expiry_is_expired_a_second_later() {
        // the SDK signer refuses to presign for less than a second, so an independent signer makes this URL
        assertInstanceOf(Verdict.Accepted.class, verifier.verify(presignedIndependently(SdkSigning.NOW, 1)));
        Verdict.Refused r = refused(presignedIndependently(SdkSigning.NOW.minusSeconds(1), 0),
                RefusalReason.PRESIGNED_URL_EXPIRED);
        assertEquals("the presigned URL expired 1 s ago (X-Amz-Expires=0)", r.explanation());
    }

    /** Guards SignatureParser's 7-day cap: 604800 s is the longest a presigned URL may live, 604801 is refused. */
    @Test
    void presigned_url_may_live_seven_days_and_not_a_second_more() {
        IncomingRequest week = presigned(Duration.ofSeconds(SignatureParser.MAX_EXPIRES_SECONDS)).incoming();
        assertInstanceOf(Verdict.Accepted.class, verifier.verify(week));
        IncomingRequest longer = SdkSigning.with(week, week.method(), week.rawPath(),
                week.rawQuery().replace("X-Amz-Expires=604800", "X-Amz-Expires=604801"), week.headers(), week.body());
        Verdict.Refused r = refused(longer, RefusalReason.MALFORMED_EXPIRES);
        assertEquals("X-Amz-Expires must be less than a week (in seconds) that is 604800", r.awsMessage());
    }

    /** Guards SignatureParser.joinedHeader: a second X-Amz-Security-Token line is checked too, not only the first. */
    @Test
    void second_security_token_line_is_part_of_the_token() {
        SdkSigning.Call c = new SdkSigning.Call();
        c.sendToken = false; // the token is added after signing, so it is not among the signed headers
        IncomingRequest r = c.incoming();
        List<Map.Entry<String, String>> headers = new ArrayList<>(r.headers());
        headers.add(Map.entry("X-Amz-Security-Token", SdkSigning.TEMPORARY.sessionToken()));
        IncomingRequest oneToken = SdkSigning.with(r, r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
        assertInstanceOf(Verdict.Accepted.class, verifier.verify(oneToken));
        headers.add(Map.entry("X-Amz-Security-Token", "smuggled"));
        IncomingRequest twoTokens = SdkSigning.with(r, r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
        refused(twoTokens, RefusalReason.INVALID_SESSION_TOKEN);
    }

    /**
     * Guards SigV4Verifier: the retry without a security token in the query applies to presigned URLs only; an
     * unsigned {@code X-Amz-Security-Token} parameter added to a header-signed request is a changed query.
     */
    @Test
    void token_parameter_added_to_a_header_signed_request_is_a_signature_mismatch() {
        IncomingRequest r = new SdkSigning.Call().query("limit", "10").incoming();
        IncomingRequest added = SdkSigning.with(r, r.method(), r.rawPath(), r.rawQuery() + "&X-Amz-Security-Token="
                + UriEncoding.encode(SdkSigning.TEMPORARY.sessionToken()), r.headers(), r.body());
        refused(added, RefusalReason.SIGNATURE_MISMATCH);
    }

    /** Guards ScopeAndTime's terminator check: a credential scope must end in aws4_request. */
    @Test
    void credential_scope_with_another_terminator_is_refused() {
        IncomingRequest r = new SdkSigning.Call().incoming();
        String auth = r.header("Authorization").replace("/aws4_request,", "/aws5_request,");
        Verdict.Refused refused = refused(SdkSigning.withHeader(r, "Authorization", auth),
                RefusalReason.WRONG_TERMINATOR);
        assertEquals("Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
                refused.awsMessage());
    }

    /** Guards SignatureParser's algorithm check on presigned URLs. */
    @Test
    void presigned_url_naming_another_algorithm_is_refused() {
        IncomingRequest r = presigned(Duration.ofMinutes(5)).incoming();
        IncomingRequest other = SdkSigning.with(r, r.method(), r.rawPath(),
                r.rawQuery().replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA512"),
                r.headers(), r.body());
        Verdict.Refused refused = refused(other, RefusalReason.INCOMPLETE_SIGNATURE);
        assertEquals("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"", refused.awsMessage());
    }

    /** Guards Hashing.constantTimeEquals: a missing value never equals anything, not even another missing one. */
    @Test
    void missing_signature_values_never_compare_equal() {
        assertFalse(Hashing.constantTimeEquals(null, "abc"));
        assertFalse(Hashing.constantTimeEquals("abc", null));
        assertFalse(Hashing.constantTimeEquals(null, null));
        assertTrue(Hashing.constantTimeEquals("abc", "abc"));
        assertFalse(Hashing.constantTimeEquals("abc", "abd"));
    }

    /** Guards AmzDate.parseHttpDate: an RFC 1123 {@code Date} header is read as the request time. */
    @Test
    void http_date_is_read_in_rfc_1123_form() {
        assertEquals(SdkSigning.NOW, AmzDate.parseHttpDate("Sat, 14 Mar 2026 15:09:26 GMT"));
        assertEquals(SdkSigning.NOW, AmzDate.parseHttpDate("20260314T150926Z"));
        assertEquals(null, AmzDate.parseHttpDate("yesterday"));
    }

    /**
     * Guards freshness on the {@code Date} header path (a client that sends {@code Date} instead of
     * {@code X-Amz-Date}): signed now it is accepted, signed six minutes ago it is expired.
     */
    @Test
    void date_header_request_is_accepted_when_current_and_refused_when_stale() {
        assertInstanceOf(Verdict.Accepted.class, verifier.verify(signedWithDateHeader(SdkSigning.NOW)));
        Verdict.Refused r = refused(signedWithDateHeader(SdkSigning.NOW.minusSeconds(360)),
                RefusalReason.SIGNATURE_EXPIRED);
        assertTrue(r.awsMessage().startsWith("Signature expired: 20260314T150326Z is now earlier than"),
                r.awsMessage());
    }

    /**
     * A GET signed with a {@code Date} header by an independent implementation of the SigV4 rules (the SDK signer
     * always sends X-Amz-Date), so the verifier is not checked against itself.
     */
    private static IncomingRequest signedWithDateHeader(Instant at) {
        var creds = SdkSigning.TEMPORARY;
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC));
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(at.atZone(ZoneOffset.UTC));
        String day = amzDate.substring(0, 8);
        String canonical = "GET\n/notes\n\ndate:" + date + "\nhost:" + SdkSigning.HOST + "\nx-amz-security-token:"
                + creds.sessionToken() + "\n\ndate;host;x-amz-security-token\n" + HandSigner.EMPTY_SHA256;
        String scope = day + "/us-east-1/execute-api/aws4_request";
        String signature = HandSigner.signature(creds.secretAccessKey(), amzDate, scope, canonical);
        List<Map.Entry<String, String>> headers = List.of(Map.entry("Host", SdkSigning.HOST), Map.entry("Date", date),
                Map.entry("X-Amz-Security-Token", creds.sessionToken()),
                Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=" + creds.accessKeyId() + "/" + scope
                        + ", SignedHeaders=date;host;x-amz-security-token, Signature=" + signature));
        return new IncomingRequest("GET", "/notes", null, headers, new byte[0], "127.0.0.1", "HTTP/1.1", at);
    }

    /** A GET presigned by an independent implementation of the SigV4 rules, valid {@code expires} seconds. */
    private static IncomingRequest presignedIndependently(Instant at, int expires) {
        var creds = SdkSigning.TEMPORARY;
        String amzDate = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(at.atZone(ZoneOffset.UTC));
        String scope = amzDate.substring(0, 8) + "/us-east-1/execute-api/aws4_request";
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                + UriEncoding.encode(creds.accessKeyId() + "/" + scope) + "&X-Amz-Date=" + amzDate
                + "&X-Amz-Expires=" + expires + "&X-Amz-Security-Token=" + UriEncoding.encode(creds.sessionToken())
                + "&X-Amz-SignedHeaders=host";
        String canonical = "GET\n/notes\n" + query + "\nhost:" + SdkSigning.HOST + "\n\nhost\n" + HandSigner.EMPTY_SHA256;
        String signature = HandSigner.signature(creds.secretAccessKey(), amzDate, scope, canonical);
        return new IncomingRequest("GET", "/notes", query + "&X-Amz-Signature=" + signature,
                List.of(Map.entry("Host", SdkSigning.HOST)), new byte[0], "127.0.0.1", "HTTP/1.1", at);
    }
}
