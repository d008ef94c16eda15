package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a request is refused, with AWS's error type and exact message, and Gatehouse's explanation. */
class RefusalsTest {

    private static final String INVALID_TOKEN = "The security token included in the request is invalid.";

    private final SigV4Verifier verifier = SdkSigning.verifier(Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC));

    private Verdict.Refused refused(IncomingRequest request, RefusalReason reason, String errorType) {
        Verdict verdict = verifier.verify(request);
        Verdict.Refused refused = assertInstanceOf(Verdict.Refused.class, verdict, verdict::toString);
        assertEquals(reason, refused.reason(), refused::toString);
        assertEquals(errorType, refused.errorType());
        assertEquals(403, refused.httpStatus());
        assertNotNull(refused.explanation());
        return refused;
    }

    private static SdkSigning.Call call() {
        return new SdkSigning.Call();
    }

    private static SdkSigning.Call post() {
        return call().method("POST").header("Content-Type", "application/json")
                .body("{\"content\":\"hello\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static IncomingRequest unsigned(Map.Entry<String, String>... extra) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>(List.of(Map.entry("Host", SdkSigning.HOST)));
        headers.addAll(List.of(extra));
        return new IncomingRequest("GET", "/notes", null, headers, new byte[0], "127.0.0.1", "HTTP/1.1", SdkSigning.NOW);
    }

    @Test
    void unsigned_request_is_missing_authentication() {
        Verdict.Refused r = refused(unsigned(), RefusalReason.MISSING_AUTHENTICATION, "MissingAuthenticationTokenException");
        assertEquals("Missing Authentication Token", r.awsMessage());
        assertNull(r.declared());
    }

    @Test
    void jwt_in_authorization_is_an_incomplete_signature() {
        Verdict.Refused r = refused(unsigned(Map.entry("Authorization", "Bearer eyJhbGciOi.x.y")),
                RefusalReason.INCOMPLETE_SIGNATURE, "IncompleteSignatureException");
        assertEquals("Authorization header requires 'Credential' parameter. Authorization header requires 'Signature'"
                + " parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires"
                + " existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer eyJhbGciOi.x.y",
                r.awsMessage());
    }

    @Test
    void authorization_without_signature_is_incomplete() {
        String auth = "AWS4-HMAC-SHA256 Credential=ASIAGATEHOUSEEXAMPLE/20260314/us-east-1/execute-api/aws4_request,"
                + " SignedHeaders=host;x-amz-date";
        Verdict.Refused r = refused(unsigned(Map.entry("X-Amz-Date", "20260314T150926Z"), Map.entry("Authorization", auth)),
                RefusalReason.INCOMPLETE_SIGNATURE, "IncompleteSignatureException");
        assertEquals("Authorization header requires 'Signature' parameter. Authorization=" + auth, r.awsMessage());
    }

    @Test
    void authorization_part_without_equal_sign_is_incomplete() {
        String auth = "AWS4-HMAC-SHA256 Credential=ASIAX/20260314/us-east-1/execute-api/aws4_request, SignedHeaders, Signature=ab";
        Verdict.Refused r = refused(unsigned(Map.entry("X-Amz-Date", "20260314T150926Z"), Map.entry("Authorization", auth)),
                RefusalReason.INCOMPLETE_SIGNATURE, "IncompleteSignatureException");
        assertEquals("'SignedHeaders' not a valid key=value pair (missing equal-sign) in Authorization header: '" + auth
                + "'.", r.awsMessage());
    }

    @Test
    void credential_with_four_parts_is_malformed() {
        String auth = "AWS4-HMAC-SHA256 Credential=ASIAX/20260314/us-east-1/execute-api, SignedHeaders=host, Signature=ab";
        refused(unsigned(Map.entry("X-Amz-Date", "20260314T150926Z"), Map.entry("Authorization", auth)),
                RefusalReason.MALFORMED_CREDENTIAL, "IncompleteSignatureException");
    }

    @Test
    void method_changed_after_signing_is_a_signature_mismatch_with_the_expected_strings() {
        IncomingRequest r = call().incoming();
        IncomingRequest changed = SdkSigning.with(r, "DELETE", r.rawPath(), r.rawQuery(), r.headers(), r.body());
        Verdict.Refused refused = refused(changed, RefusalReason.SIGNATURE_MISMATCH, "InvalidSignatureException");
        assertTrue(refused.canonicalRequest().startsWith("DELETE\n/notes\n\n"), refused.canonicalRequest());
        assertTrue(refused.stringToSign().startsWith("AWS4-HMAC-SHA256\n20260314T150926Z\n20260314/us-east-1/execute-api/aws4_request\n"));
        assertEquals("The request signature we calculated does not match the signature you provided. Check your AWS"
                + " Secret Access Key and signing method. Consult the service documentation for details.\n\nThe"
                + " Canonical String for this request should have been\n'" + refused.canonicalRequest() + "'\n\nThe"
                + " String-to-Sign should have been\n'" + refused.stringToSign() + "'\n", refused.awsMessage());
        assertEquals(List.of("host", "x-amz-content-sha256", "x-amz-date", "x-amz-security-token"),
                refused.declared().signedHeaders());
    }

    @Test
    void path_changed_after_signing_is_a_signature_mismatch() {
        IncomingRequest r = call().path("/notes/1").incoming();
        IncomingRequest changed = SdkSigning.with(r, r.method(), "/notes/2", r.rawQuery(), r.headers(), r.body());
        assertTrue(refused(changed, RefusalReason.SIGNATURE_MISMATCH, "InvalidSignatureException")
                .canonicalRequest().startsWith("GET\n/notes/2\n"));
    }

    @ParameterizedTest(name = "query auth: {0}")
    @ValueSource(booleans = {false, true})
    void query_changed_after_signing_is_a_signature_mismatch(boolean queryAuth) {
        SdkSigning.Call c = call().query("limit", "10");
        c.queryAuth = queryAuth;
        IncomingRequest r = c.incoming();
        IncomingRequest changed = SdkSigning.with(r, r.method(), r.rawPath(), r.rawQuery().replace("limit=10", "limit=11"),
                r.headers(), r.body());
        refused(changed, RefusalReason.SIGNATURE_MISMATCH, "InvalidSignatureException");
    }

    @Test
    void signed_header_changed_after_signing_is_a_signature_mismatch() {
        IncomingRequest r = post().incoming();
        refused(SdkSigning.withHeader(r, "Content-Type", "text/plain"), RefusalReason.SIGNATURE_MISMATCH,
                "InvalidSignatureException");
    }

    @Test
    void body_changed_after_signing_does_not_match_the_declared_payload_hash() {
        IncomingRequest r = post().incoming();
        IncomingRequest changed = SdkSigning.with(r, r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                "{\"content\":\"HELLO\"}".getBytes(StandardCharsets.UTF_8));
        Verdict.Refused refused = refused(changed, RefusalReason.PAYLOAD_HASH_MISMATCH, "InvalidSignatureException");
        assertTrue(refused.explanation().contains("x-amz-content-sha256 does not match the body received"));
        assertTrue(refused.awsMessage().startsWith(Mismatch.SIGNATURE_MESSAGE + "\n\nThe Canonical String"));
    }

    @Test
    void signed_header_removed_after_signing_is_named_as_the_likely_cause() {
        IncomingRequest r = SdkSigning.withHeader(post().incoming(), "Content-Type", null);
        Verdict.Refused refused = refused(r, RefusalReason.SIGNATURE_MISMATCH, "InvalidSignatureException");
        assertEquals("signed header 'content-type' is not in the request (dropped by a proxy or client?)",
                refused.explanation());
        assertTrue(refused.canonicalRequest().contains("\ncontent-type:\n"), refused.canonicalRequest());
    }

    @Test
    void unsigned_payload_is_refused() {
        SdkSigning.Call c = call();
        c.payloadSigning = false;
        c.protocol = "https";
        IncomingRequest r = c.incoming();
        assertEquals("UNSIGNED-PAYLOAD", r.header("x-amz-content-sha256"));
        Verdict.Refused refused = refused(r, RefusalReason.PAYLOAD_HASH_MISMATCH, "InvalidSignatureException");
        assertTrue(refused.explanation().contains("UNSIGNED-PAYLOAD"), refused.explanation());
    }

    @Test
    void wrong_region_is_refused_with_awss_message() {
        SdkSigning.Call c = call();
        c.region = "eu-west-1";
        Verdict.Refused r = refused(c.incoming(), RefusalReason.WRONG_REGION, "InvalidSignatureException");
        assertEquals("Credential should be scoped to a valid region, not 'eu-west-1'. ", r.awsMessage());
        assertEquals("credential scope names region eu-west-1, this API is in us-east-1 (set the signer's region to"
                + " us-east-1)", r.explanation());
    }

    @Test
    void wrong_service_is_refused_with_awss_message() {
        SdkSigning.Call c = call();
        c.service = "lambda";
        Verdict.Refused r = refused(c.incoming(), RefusalReason.WRONG_SERVICE, "InvalidSignatureException");
        assertEquals("Credential should be scoped to correct service: 'execute-api'. ", r.awsMessage());
    }

    @Test
    void scope_date_other_than_the_request_date_is_refused() {
        IncomingRequest r = call().incoming();
        String auth = r.header("Authorization").replace("/20260314/", "/20260313/");
        Verdict.Refused refused = refused(SdkSigning.withHeader(r, "Authorization", auth), RefusalReason.WRONG_SCOPE_DATE,
                "InvalidSignatureException");
        assertEquals("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP:"
                + " '20260313' != '20260314', from '20260314T150926Z'.", refused.awsMessage());
    }

    @Test
    void signed_six_minutes_ago_is_expired() {
        SdkSigning.Call c = call();
        c.signedAt = SdkSigning.NOW.minus(Duration.ofMinutes(6));
        Verdict.Refused r = refused(c.incoming(), RefusalReason.SIGNATURE_EXPIRED, "InvalidSignatureException");
        assertEquals("Signature expired: 20260314T150326Z is now earlier than 20260314T150426Z (20260314T150926Z - 5 min.)",
                r.awsMessage());
        assertTrue(r.explanation().startsWith("clock is 360 s behind Gatehouse's"), r.explanation());
    }

    @Test
    void signed_six_minutes_ahead_is_not_yet_current() {
        SdkSigning.Call c = call();
        c.signedAt = SdkSigning.NOW.plus(Duration.ofMinutes(6));
        Verdict.Refused r = refused(c.incoming(), RefusalReason.SIGNATURE_NOT_YET_CURRENT, "InvalidSignatureException");
        assertEquals("Signature not yet current: 20260314T151526Z is still later than 20260314T151426Z"
                + " (20260314T150926Z + 5 min.)", r.awsMessage());
        assertTrue(r.explanation().startsWith("clock is 360 s ahead of Gatehouse's"), r.explanation());
    }

    @ParameterizedTest(name = "{0} s")
    @ValueSource(ints = {-300, 300})
    void five_minutes_either_way_is_still_accepted(int seconds) {
        SdkSigning.Call c = call();
        c.signedAt = SdkSigning.NOW.plusSeconds(seconds);
        assertInstanceOf(Verdict.Accepted.class, verifier.verify(c.incoming()));
    }

    @Test
    void presigned_url_past_its_expiry_is_refused() {
        SdkSigning.Call c = call();
        c.queryAuth = true;
        c.expiration = Duration.ofSeconds(60);
        c.signedAt = SdkSigning.NOW.minusSeconds(90);
        Verdict.Refused r = refused(c.incoming(), RefusalReason.PRESIGNED_URL_EXPIRED, "InvalidSignatureException");
        assertEquals("the presigned URL expired 30 s ago (X-Amz-Expires=60)", r.explanation());
        c.signedAt = SdkSigning.NOW.minusSeconds(60);
        assertInstanceOf(Verdict.Accepted.class, verifier.verify(c.incoming()));
    }

    @Test
    void unknown_access_key_is_an_invalid_security_token() {
        SdkSigning.Call c = call();
        c.credentials = new dev.gatehouse.emulator.iam.Credentials("ASIAUNKNOWNKEY000000", "s", "t", null,
                SdkSigning.TEMPORARY.principal());
        Verdict.Refused r = refused(c.incoming(), RefusalReason.UNKNOWN_ACCESS_KEY, "AccessDeniedException");
        assertEquals(INVALID_TOKEN, r.awsMessage());
    }

    @Test
    void wrong_session_token_is_invalid() {
        SdkSigning.Call c = call();
        c.credentials = new dev.gatehouse.emulator.iam.Credentials(SdkSigning.TEMPORARY.accessKeyId(),
                SdkSigning.TEMPORARY.secretAccessKey(), "another-token", null, SdkSigning.TEMPORARY.principal());
        assertEquals(INVALID_TOKEN, refused(c.incoming(), RefusalReason.INVALID_SESSION_TOKEN,
                "AccessDeniedException").awsMessage());
    }

    @Test
    void temporary_key_without_token_is_invalid() {
        SdkSigning.Call c = call();
        c.sendToken = false;
        assertEquals(INVALID_TOKEN, refused(c.incoming(), RefusalReason.MISSING_SESSION_TOKEN,
                "AccessDeniedException").awsMessage());
    }

    @Test
    void token_sent_with_a_long_term_key_is_invalid() {
        SdkSigning.Call c = call();
        c.credentials = SdkSigning.LONG_TERM;
        IncomingRequest r = SdkSigning.withHeader(c.incoming(), "X-Amz-Security-Token", "made-up");
        refused(r, RefusalReason.INVALID_SESSION_TOKEN, "AccessDeniedException");
    }

    @Test
    void expired_credentials_are_refused() {
        Instant later = SdkSigning.NOW.plus(Duration.ofHours(2));
        SigV4Verifier laterVerifier = SdkSigning.verifier(Clock.fixed(later, ZoneOffset.UTC));
        SdkSigning.Call c = call();
        c.signedAt = later;
        Verdict.Refused r = assertInstanceOf(Verdict.Refused.class, laterVerifier.verify(c.incoming()));
        assertEquals(RefusalReason.EXPIRED_CREDENTIALS, r.reason());
        assertEquals("ExpiredTokenException", r.errorType());
        assertEquals("The security token included in the request is expired", r.awsMessage());
    }

    @ParameterizedTest(name = "query auth: {0}")
    @ValueSource(booleans = {false, true})
    void token_added_after_signing_is_accepted(boolean queryAuth) {
        SdkSigning.Call c = call();
        c.sendToken = false;
        c.queryAuth = queryAuth;
        IncomingRequest r = c.incoming();
        String token = SdkSigning.TEMPORARY.sessionToken();
        IncomingRequest withToken = queryAuth
                ? SdkSigning.with(r, r.method(), r.rawPath(), r.rawQuery() + "&X-Amz-Security-Token="
                        + UriEncoding.encode(token), r.headers(), r.body())
                : SdkSigning.withHeader(r, "X-Amz-Security-Token", token);
        Verdict v = verifier.verify(withToken);
        assertEquals(SdkSigning.TEMPORARY, assertInstanceOf(Verdict.Accepted.class, v, v::toString).credentials());
        IncomingRequest wrongToken = queryAuth
                ? SdkSigning.with(r, r.method(), r.rawPath(), r.rawQuery() + "&X-Amz-Security-Token=wrong", r.headers(),
                        r.body())
                : SdkSigning.withHeader(r, "X-Amz-Security-Token", token + "x");
        refused(wrongToken, RefusalReason.INVALID_SESSION_TOKEN, "AccessDeniedException");
    }

    @Test
    void unsigned_amz_header_added_after_signing_is_refused() {
        IncomingRequest r = SdkSigning.withHeader(call().incoming(), "X-Amz-Target", "Something");
        assertEquals("There were headers present in the request which were not signed: x-amz-target",
                refused(r, RefusalReason.UNSIGNED_AMZ_HEADER, "InvalidSignatureException").awsMessage());
    }

    @Test
    void host_must_be_signed() {
        IncomingRequest r = call().incoming();
        String auth = r.header("Authorization").replace("SignedHeaders=host;", "SignedHeaders=");
        assertEquals("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
                refused(SdkSigning.withHeader(r, "Authorization", auth), RefusalReason.HOST_NOT_SIGNED,
                        "IncompleteSignatureException").awsMessage());
    }

    @Test
    void header_and_query_auth_together_are_refused() {
        SdkSigning.Call c = call();
        c.queryAuth = true;
        IncomingRequest r = SdkSigning.withHeader(c.incoming(), "Authorization", call().incoming().header("Authorization"));
        refused(r, RefusalReason.BOTH_HEADER_AND_QUERY_AUTH, "IncompleteSignatureException");
    }

    @Test
    void garbage_date_is_refused() {
        IncomingRequest r = SdkSigning.withHeader(call().incoming(), "X-Amz-Date", "yesterday");
        assertEquals("Date must be in ISO-8601 'basic format'. Got 'yesterday'. See http://en.wikipedia.org/wiki/ISO_8601",
                refused(r, RefusalReason.MALFORMED_DATE, "IncompleteSignatureException").awsMessage());
    }

    @Test
    void path_not_double_encoded_is_named_as_the_likely_cause() {
        SdkSigning.Call c = call().path("/notes/a%20b");
        c.doubleEncode = false;
        Verdict.Refused r = refused(c.incoming(), RefusalReason.SIGNATURE_MISMATCH, "InvalidSignatureException");
        assertTrue(r.explanation().startsWith("path was not double-encoded when signing"), r.explanation());
        assertTrue(r.canonicalRequest().startsWith("GET\n/notes/a%2520b\n"), r.canonicalRequest());
    }

    @Test
    void path_not_normalized_is_named_as_the_likely_cause() {
        SdkSigning.Call c = call().path("/notes/./a/../b");
        c.normalize = false;
        Verdict.Refused r = refused(c.incoming(), RefusalReason.SIGNATURE_MISMATCH, "InvalidSignatureException");
        assertTrue(r.explanation().startsWith("path was signed without normalization"), r.explanation());
    }

    @Test
    void wrong_secret_is_explained_plainly() {
        SdkSigning.Call c = call();
        c.credentials = new dev.gatehouse.emulator.iam.Credentials(SdkSigning.TEMPORARY.accessKeyId(), "wrong-secret",
                SdkSigning.TEMPORARY.sessionToken(), null, SdkSigning.TEMPORARY.principal());
        Verdict.Refused r = refused(c.incoming(), RefusalReason.SIGNATURE_MISMATCH, "InvalidSignatureException");
        assertTrue(r.explanation().startsWith("the secret key is not the one issued with ASIAGATEHOUSEEXAMPLE"));
        assertTrue(!r.toString().contains(SdkSigning.TEMPORARY.secretAccessKey()));
    }

    private static IncomingRequest query(String rawQuery) {
        return new IncomingRequest("GET", "/notes", rawQuery, List.of(Map.entry("Host", SdkSigning.HOST)), new byte[0],
                "127.0.0.1", "HTTP/1.1", SdkSigning.NOW);
    }

    // The explanation names exactly the parts a presigned URL lacks (the survivors of SignatureParser.missingQuery).
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "X-Amz-Algorithm=AWS4-HMAC-SHA256|X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders, X-Amz-Signature",
            "X-Amz-Credential=A%2F20260314%2Fus-east-1%2Fexecute-api%2Faws4_request&X-Amz-Date=20260314T150926Z"
                    + "|X-Amz-Algorithm, X-Amz-SignedHeaders, X-Amz-Signature",
            "X-Amz-Signature=abc&X-Amz-SignedHeaders=host&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                    + "|X-Amz-Credential, X-Amz-Date",
    })
    void a_presigned_url_without_some_parameters_names_the_ones_it_lacks(String rawQuery, String lacking) {
        Verdict.Refused r = refused(query(rawQuery), RefusalReason.INCOMPLETE_SIGNATURE, "IncompleteSignatureException");
        assertEquals("the presigned URL lacks parameters: " + lacking, r.explanation());
    }

    // The explanation names exactly the parts an Authorization header lacks (the survivors of SignatureParser.missing).
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "AWS4-HMAC-SHA256 Foo=bar|false|Credential, SignedHeaders, Signature, an X-Amz-Date or Date header",
            "AWS4-HMAC-SHA256 SignedHeaders=host|true|Credential, Signature",
            "AWS4-HMAC-SHA256 Credential=A/20260314/us-east-1/execute-api/aws4_request, Signature=abc|true|SignedHeaders",
            "AWS4-HMAC-SHA256 Credential=A/20260314/us-east-1/execute-api/aws4_request, SignedHeaders=host, "
                    + "Signature=abc|false|an X-Amz-Date or Date header",
    })
    void an_authorization_header_without_some_parts_names_the_ones_it_lacks(String auth, boolean dated, String lacking) {
        IncomingRequest request = dated
                ? unsigned(Map.entry("X-Amz-Date", "20260314T150926Z"), Map.entry("Authorization", auth))
                : unsigned(Map.entry("Authorization", auth));
        Verdict.Refused r = refused(request, RefusalReason.INCOMPLETE_SIGNATURE, "IncompleteSignatureException");
        assertEquals("the Authorization header lacks parts of a SigV4 signature: " + lacking, r.explanation());
    }

    @Test
    void an_authorization_header_that_is_not_sigv4_is_named_as_such() {
        Verdict.Refused r = refused(unsigned(Map.entry("Authorization", "Basic YWxpY2U6cGFzcw==")),
                RefusalReason.INCOMPLETE_SIGNATURE, "IncompleteSignatureException");
        assertTrue(r.explanation().startsWith("the Authorization header is not a SigV4 signature"), r.explanation());
    }
}
