package dev.gatehouse.emulator.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.http.IncomingRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a signature off the request: the Authorization header's parts and a presigned URL's X-Amz-Expires. */
class SignatureParserTest {

    private final SigV4Verifier verifier = SdkSigning.verifier(Clock.fixed(SdkSigning.NOW, ZoneOffset.UTC));

    private Verdict.Refused refused(IncomingRequest request, RefusalReason reason) {
        Verdict verdict = verifier.verify(request);
        Verdict.Refused refused = assertInstanceOf(Verdict.Refused.class, verdict, verdict::toString);
        assertEquals(reason, refused.reason(), refused::toString);
        return refused;
    }

    private static IncomingRequest withAuthorization(String authorization) {
        return SdkSigning.withHeader(new SdkSigning.Call().incoming(), "Authorization", authorization);
    }

    @Test
    void the_algorithm_name_alone_is_an_incomplete_signature_not_a_crash() {
        Verdict.Refused r = refused(withAuthorization("AWS4-HMAC-SHA256"), RefusalReason.INCOMPLETE_SIGNATURE);
        assertTrue(r.awsMessage().startsWith("Authorization header requires 'Credential' parameter."), r.awsMessage());
    }

    /** A malformed part is quoted only as far as needed to recognize it: it may be a credential. */
    @ParameterizedTest
    @CsvSource({
        "abc, abc",
        "abcdefghijkl, abcdefghijkl",
        "abcdefghijklm, abcdefgh...",
        "CredentialASIAGATEHOUSEEXAMPLE/20260314, Credenti..."})
    void a_part_without_an_equal_sign_is_quoted_abbreviated_when_long(String part, String quoted) {
        Verdict.Refused r = refused(withAuthorization("AWS4-HMAC-SHA256 " + part + ", SignedHeaders=host"),
                RefusalReason.INCOMPLETE_SIGNATURE);
        assertEquals("the Authorization header is malformed: '" + quoted + "' has no '='", r.explanation());
        assertTrue(r.awsMessage().contains("'" + part + "' not a valid key=value pair"), r.awsMessage());
    }

    private IncomingRequest presignedWithExpires(String expires) {
        SdkSigning.Call c = new SdkSigning.Call();
        c.queryAuth = true;
        c.expiration = Duration.ofSeconds(300);
        IncomingRequest r = c.incoming();
        assertTrue(r.rawQuery().contains("X-Amz-Expires=300"), r.rawQuery());
        return SdkSigning.with(r, r.method(), r.rawPath(), r.rawQuery().replace("X-Amz-Expires=300",
                "X-Amz-Expires=" + expires), r.headers(), r.body());
    }

    @ParameterizedTest
    @CsvSource({
        "100000000000000000, X-Amz-Expires must be less than a week (in seconds) that is 604800",
        "1000000000000000000, X-Amz-Expires should be a number",
        "-5, X-Amz-Expires must be non-negative",
        "-, X-Amz-Expires should be a number",
        "5-, X-Amz-Expires should be a number",
        "'', X-Amz-Expires should be a number"})
    void expires_that_is_not_a_number_of_seconds_up_to_a_week_is_refused_with_awss_message(String expires,
                                                                                          String message) {
        Verdict.Refused r = refused(presignedWithExpires(expires), RefusalReason.MALFORMED_EXPIRES);
        assertEquals(message, r.awsMessage());
    }

    @Test
    void parsed_parts_print_the_scope_but_never_the_token_or_the_signature() {
        IncomingRequest r = new SdkSigning.Call().incoming();
        SignatureParts parts = SignatureParser.fromHeader(r, r.header("Authorization"));
        String printed = parts.toString();
        assertTrue(printed.contains("ASIAGATEHOUSEEXAMPLE/20260314/us-east-1/execute-api/aws4_request"), printed);
        assertFalse(printed.contains(SdkSigning.TEMPORARY.sessionToken()), printed);
        assertFalse(printed.contains(parts.signature()), printed);
    }
}
