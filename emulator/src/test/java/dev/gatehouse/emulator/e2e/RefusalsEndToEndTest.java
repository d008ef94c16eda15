package dev.gatehouse.emulator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.record.CallRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cognitoidentityprovider.model.NotAuthorizedException;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Every refusal through the real server: 403 {@code {"message":"Forbidden"}} with AWS's error type, the precise reason
 * in {@code X-Gatehouse-Reason}, the handler never invoked (call record) and nothing written to the table. Each case
 * sends {@code POST /notes} where it can, so a request let through would store a note.
 */
class RefusalsEndToEndTest {
    private static final String NOTE = "{\"content\":\"must never be stored\"}";
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private static Gatehouse gatehouse;
    private static StoredNotes table;
    private static SignIn.IdentityCredentials admin;

    @BeforeAll
    static void start() {
        gatehouse = Gatehouse.builder().port(0).start();
        table = StoredNotes.of(gatehouse);
        admin = TestUsers.signIn(gatehouse, TestUsers.ADMIN);
    }

    @AfterAll
    static void stop() {
        table.close();
        gatehouse.close();
    }

    @AfterEach
    void restoreClock() {
        gatehouse.clock().resume();
    }

    private static ApiCall postNote() {
        return ApiCall.of(gatehouse.baseUri(), "POST", "/notes").json(NOTE).as(admin);
    }

    /**
     * AccessDeniedException, with one reason header for an unknown key, a missing and a wrong session token
     * (returned); the record keeps the precise reason.
     */
    private static String assertUnknownCredentials(Wire wire, String recordedReason) {
        int stored = table.count();
        Wire.Reply r = wire.send();
        assertEquals(403, r.status(), r.toString());
        assertEquals("{\"message\":\"Forbidden\"}", r.body());
        assertEquals("AccessDeniedException", r.header("x-amzn-ErrorType"), r.toString());
        String reason = r.header("X-Gatehouse-Reason");
        assertTrue(reason.startsWith("UNRECOGNIZED_CLIENT: "), reason);
        CallRecord record = gatehouse.calls(c -> r.requestId().equals(c.requestId())).get(0);
        assertEquals(recordedReason, record.reason(), "the record keeps the precise reason");
        assertFalse(record.invoked());
        assertEquals(stored, table.count(), "a refused request wrote to the table");
        return reason;
    }

    /** Sends, and checks the refusal as a client sees it and as the call record and the table show it. */
    private static Wire.Reply assertRefused(Wire wire, String errorType, String... reasons) {
        int stored = table.count();
        Wire.Reply r = wire.send();
        assertEquals(403, r.status(), r.toString());
        assertEquals("{\"message\":\"Forbidden\"}", r.body());
        assertEquals("application/json", r.header("content-type"));
        assertEquals(errorType, r.header("x-amzn-ErrorType"), r.toString());
        String reason = r.header("X-Gatehouse-Reason");
        assertNotNull(reason, "X-Gatehouse-Reason");
        assertTrue(Arrays.stream(reasons).anyMatch(code -> reason.startsWith(code + ":")),
                "reason " + reason + " is not one of " + List.of(reasons));
        String requestId = r.requestId();
        assertNotNull(requestId, "apigw-requestid");
        List<CallRecord> records = gatehouse.calls(c -> requestId.equals(c.requestId()));
        assertEquals(1, records.size(), "one record of " + requestId);
        CallRecord record = records.get(0);
        assertFalse(record.invoked(), "the handler ran for a refused request");
        assertEquals("refused", record.verdict());
        assertEquals(403, record.status());
        assertEquals(reason.substring(0, reason.indexOf(':')), record.reason());
        assertEquals(stored, table.count(), "a refused request wrote to the table");
        return r;
    }

    @Test
    void the_untampered_request_is_accepted() {
        int stored = table.count();
        Wire.Reply r = postNote().signed().send();
        assertEquals(200, r.status(), r.toString());
        assertTrue(gatehouse.calls(c -> r.requestId().equals(c.requestId())).get(0).invoked());
        assertEquals(stored + 1, table.count());
    }

    @Test
    void unsigned_request_is_refused() {
        assertRefused(postNote().unsigned(), "MissingAuthenticationTokenException", "MISSING_AUTHENTICATION");
    }

    @Test
    void garbage_authorization_is_refused() {
        assertRefused(postNote().unsigned().header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"),
                "IncompleteSignatureException", "INCOMPLETE_SIGNATURE");
    }

    @Test
    void incomplete_authorization_is_refused() {
        Wire signed = postNote().signed();
        String auth = signed.header("Authorization");
        String withoutSignature = auth.substring(0, auth.indexOf(", Signature="));
        assertRefused(signed.header("Authorization", withoutSignature), "IncompleteSignatureException",
                "INCOMPLETE_SIGNATURE");
    }

    @Test
    void method_changed_after_signing_is_refused() {
        Wire signedAsPut = ApiCall.of(gatehouse.baseUri(), "PUT", "/notes").json(NOTE).as(admin).signed();
        assertRefused(signedAsPut.method("POST"), "InvalidSignatureException", "SIGNATURE_MISMATCH");
    }

    @Test
    void path_changed_after_signing_is_refused() {
        Wire signed = ApiCall.of(gatehouse.baseUri(), "POST", "/notes/x").json(NOTE).as(admin).signed();
        assertRefused(signed.pathAndQuery("/notes"), "InvalidSignatureException", "SIGNATURE_MISMATCH");
    }

    @Test
    void query_changed_after_signing_is_refused() {
        Wire signed = ApiCall.of(gatehouse.baseUri(), "POST", "/notes?draft=1").json(NOTE).as(admin).signed();
        assertRefused(signed.pathAndQuery("/notes?draft=2"), "InvalidSignatureException", "SIGNATURE_MISMATCH");
        assertRefused(signed.pathAndQuery("/notes"), "InvalidSignatureException", "SIGNATURE_MISMATCH");
    }

    @Test
    void signed_header_changed_after_signing_is_refused() {
        Wire signed = postNote().header("X-Note-Tag", "a").signed();
        assertTrue(signed.header("Authorization").contains("x-note-tag"), "the SDK signs the header");
        assertRefused(signed.header("X-Note-Tag", "b"), "InvalidSignatureException", "SIGNATURE_MISMATCH");
        assertRefused(signed.header("X-Note-Tag", null), "InvalidSignatureException", "SIGNATURE_MISMATCH");
    }

    @Test
    void body_changed_after_signing_is_refused() {
        assertRefused(postNote().signed().body("{\"content\":\"swapped\"}"), "InvalidSignatureException",
                "PAYLOAD_HASH_MISMATCH", "SIGNATURE_MISMATCH");
    }

    @Test
    void wrong_region_is_refused() {
        assertRefused(postNote().region("us-west-2").signed(), "InvalidSignatureException", "WRONG_REGION");
    }

    @Test
    void wrong_service_is_refused() {
        assertRefused(postNote().service("lambda").signed(), "InvalidSignatureException", "WRONG_SERVICE");
    }

    @Test
    void wrong_scope_date_is_refused() {
        Wire signed = postNote().signed();
        String date = signed.header("X-Amz-Date").substring(0, 8);
        String dayBefore = LocalDate.parse(date, YYYYMMDD).minusDays(1).format(YYYYMMDD);
        String auth = signed.header("Authorization").replace("/" + date + "/", "/" + dayBefore + "/");
        assertRefused(signed.header("Authorization", auth), "InvalidSignatureException", "WRONG_SCOPE_DATE");
    }

    @Test
    void signature_six_minutes_old_is_refused() {
        assertRefused(postNote().clockSkew(Duration.ofMinutes(-6)).signed(), "InvalidSignatureException",
                "SIGNATURE_EXPIRED");
    }

    @Test
    void signature_six_minutes_ahead_is_refused() {
        assertRefused(postNote().clockSkew(Duration.ofMinutes(6)).signed(), "InvalidSignatureException",
                "SIGNATURE_NOT_YET_CURRENT");
    }

    @Test
    void a_simulated_client_skew_of_six_minutes_refuses_a_fresh_signature() {
        try {
            gatehouse.clock().clientSkew(Duration.ofMinutes(6));
            assertRefused(postNote().signed(), "InvalidSignatureException", "SIGNATURE_EXPIRED");
            gatehouse.clock().clientSkew(Duration.ofMinutes(-6));
            assertRefused(postNote().signed(), "InvalidSignatureException", "SIGNATURE_NOT_YET_CURRENT");
        } finally {
            gatehouse.clock().clientSkew(Duration.ZERO);
        }
        assertEquals(200, postNote().signed().send().status(), "accepted again once the skew is gone");
    }

    @Test
    void moving_the_clock_ages_credentials_not_signatures() {
        SignIn.IdentityCredentials before = TestUsers.signIn(gatehouse, TestUsers.ALICE);
        try {
            gatehouse.clock().offset(Duration.ofHours(2));
            // signed now, by the real clock, with credentials issued before the move: they have expired
            assertRefused(postNote().as(before).signed(), "ExpiredTokenException", "EXPIRED_CREDENTIALS");
            // a sign-in now (SRP timestamp on the real clock) gets credentials that work
            SignIn.IdentityCredentials fresh = TestUsers.signIn(gatehouse, TestUsers.ALICE);
            assertEquals(200, postNote().as(fresh).signed().send().status(), "fresh credentials work");
        } finally {
            gatehouse.clock().resume();
        }
    }

    @Test
    void unknown_access_key_is_refused() {
        assertUnknownCredentials(postNote().keys("ASIAUNKNOWNKEY000000", admin.secretAccessKey(),
                admin.sessionToken()).signed(), "UNKNOWN_ACCESS_KEY");
    }

    @Test
    void wrong_session_token_is_refused() {
        assertUnknownCredentials(postNote().keys(admin.accessKeyId(), admin.secretAccessKey(),
                "IQoJb3JpZ2luX2VjEPwnedToken").signed(), "INVALID_SESSION_TOKEN");
    }

    @Test
    void missing_session_token_is_refused() {
        assertUnknownCredentials(postNote().keys(admin.accessKeyId(), admin.secretAccessKey(), null).signed(),
                "MISSING_SESSION_TOKEN");
    }

    @Test
    void the_reason_header_does_not_tell_an_anonymous_caller_whether_an_access_key_exists() {
        String unknown = assertUnknownCredentials(postNote().keys("ASIAUNKNOWNKEY000000", "any/secret/key/0000000000",
                null).signed(), "UNKNOWN_ACCESS_KEY");
        String known = assertUnknownCredentials(postNote().keys(admin.accessKeyId(), "any/secret/key/0000000000", null)
                .signed(), "MISSING_SESSION_TOKEN");
        assertEquals(unknown, known, "the same header for a known and an unknown key");
        assertFalse(known.contains(admin.accessKeyId()), known);
    }

    @Test
    void wrong_secret_key_is_refused() {
        assertRefused(postNote().keys(admin.accessKeyId(), "not/the/secret/key/issued/with/this/key00",
                admin.sessionToken()).signed(), "InvalidSignatureException", "SIGNATURE_MISMATCH");
    }

    @Test
    void expired_credentials_are_refused_and_a_new_sign_in_works() {
        SignIn.IdentityCredentials bob = TestUsers.signIn(gatehouse, TestUsers.BOB);
        assertEquals(200, postNote().as(bob).signed().send().status());
        assertTrue(gatehouse.expireCredentials(bob.identityId()) >= 1);
        assertRefused(postNote().as(bob).signed(), "ExpiredTokenException", "EXPIRED_CREDENTIALS");

        SignIn.IdentityCredentials again = TestUsers.signIn(gatehouse, TestUsers.BOB);
        assertEquals(bob.identityId(), again.identityId());
        assertEquals(200, postNote().as(again).signed().send().status());
    }

    @Test
    void credentials_past_their_hour_are_refused() {
        SignIn.IdentityCredentials fresh = TestUsers.signIn(gatehouse, TestUsers.ADMIN);
        Duration pastExpiry = Duration.between(java.time.Instant.now(), fresh.expiration()).plusMinutes(1);
        gatehouse.clock().offset(pastExpiry);
        // signed by the real clock: the signature is current, only the credentials' expiry is past
        assertRefused(postNote().as(fresh).signed(), "ExpiredTokenException", "EXPIRED_CREDENTIALS");
    }

    /**
     * On AWS, AdminDisableUser stops sign-in but does not revoke IAM credentials the identity pool already issued:
     * they work until they expire. Gatehouse does the same.
     */
    @Test
    void disabled_user_cannot_sign_in_but_issued_credentials_last_until_expiry() {
        SignIn.IdentityCredentials carol = TestUsers.signIn(gatehouse, TestUsers.CAROL);
        gatehouse.disableUser(TestUsers.CAROL);
        NotAuthorizedException e = assertThrows(NotAuthorizedException.class,
                () -> TestUsers.signIn(gatehouse, TestUsers.CAROL));
        assertTrue(e.getMessage().contains("User is disabled"), e.getMessage());
        Wire.Reply r = ApiCall.of(gatehouse.baseUri(), "GET", "/notes").as(carol).signed().send();
        assertEquals(200, r.status(), r.toString());
    }

    @Test
    void no_route_is_not_found_before_any_auth() {
        for (Wire wire : List.of(ApiCall.of(gatehouse.baseUri(), "GET", "/nope").unsigned(),
                ApiCall.of(gatehouse.baseUri(), "PATCH", "/notes").as(admin).signed())) {
            Wire.Reply r = wire.send();
            assertEquals(404, r.status(), r.toString());
            assertEquals("{\"message\":\"Not Found\"}", r.body());
            assertFalse(gatehouse.calls(c -> r.requestId().equals(c.requestId())).get(0).invoked());
        }
    }

    @Test
    void body_over_ten_megabytes_is_too_large() {
        int stored = table.count();
        for (int size : new int[] {10 * 1024 * 1024 + 1, 16 * 1024 * 1024}) {
            byte[] big = new byte[size];
            Arrays.fill(big, (byte) 'a');
            Wire.Reply r = ApiCall.of(gatehouse.baseUri(), "POST", "/notes").header("Content-Type", "text/plain")
                    .body(big).as(admin).signed().send();
            assertEquals(413, r.status(), size + ": " + r);
            assertEquals("{\"message\":\"Request Entity Too Large\"}", r.body(), size + " bytes");
            assertEquals("application/json", r.header("content-type"));
        }
        assertEquals(stored, table.count());
    }
}
