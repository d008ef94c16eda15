package dev.gatehouse.contracts;

import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn.IdentityCredentials;
import dev.gatehouse.emulator.record.CallRecord;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Only a request signed with valid identity-pool credentials, exactly as sent, reaches a function: everything else
 * is refused with API Gateway's 403 {@code {"message":"Forbidden"}}, and (against Gatehouse) no handler ran.
 */
@GatehouseTest
class AuthenticationContract {
    private static final String FORBIDDEN = "{\"message\":\"Forbidden\"}";

    private final Target target;
    private final String api;

    AuthenticationContract(Target target) {
        this.target = target;
        this.api = target.outputs().apiEndpoint();
    }

    /** 403 Forbidden, and no handler invoked for this request (when the call record is at hand). */
    private void refused(String what, Response r) {
        assertEquals(403, r.statusCode(), what + ": " + r.asString());
        assertEquals(FORBIDDEN, r.asString(), what);
        Optional<Gatehouse> gatehouse = target.gatehouse();
        if (gatehouse.isPresent()) {
            String requestId = r.header("apigw-requestid");
            assertTrue(requestId != null && !requestId.isBlank(), what + ": no apigw-requestid");
            List<CallRecord> calls = gatehouse.get().calls(c -> requestId.equals(c.requestId()));
            assertEquals(1, calls.size(), what + ": call record of " + requestId);
            assertFalse(calls.get(0).invoked(), what + ": the handler was invoked");
            assertEquals("refused", calls.get(0).verdict(), what);
        }
    }

    private SignedRequest signedGet(GatehouseUser user, String pathAndQuery) {
        return SignedRequest.sign(user.signer(), api, "GET", pathAndQuery, Map.of(), null);
    }

    @Test
    void the_untampered_request_is_accepted(@FreshUser GatehouseUser alice) {
        assertEquals(200, signedGet(alice, "/notes?limit=1").send(api).statusCode(), "the control case");
        SignedRequest post = SignedRequest.sign(alice.signer(), api, "POST", "/notes", Map.of(), "{\"content\":\"x\"}");
        assertEquals(200, post.send(api).statusCode());
    }

    @Test
    void unsigned_request_is_refused(@FreshUser GatehouseUser alice) {
        refused("unsigned GET", alice.unsigned().get("/notes"));
        refused("unsigned POST", alice.unsigned().contentType("application/json").body("{}").post("/notes"));
        assertEquals(List.of(), new Notes(alice).listedIds());
    }

    @Test
    void malformed_authorization_is_refused(@FreshUser GatehouseUser alice) {
        SignedRequest good = signedGet(alice, "/notes");
        refused("garbage Authorization", good.withHeader("Authorization", "AWS4-HMAC-SHA256 garbage").send(api));
        refused("Authorization without signature", good.withHeader("Authorization",
                good.headers.get("Authorization").replaceAll(", Signature=.*", "")).send(api));
        refused("no X-Amz-Date", good.withHeader("X-Amz-Date", null).send(api));
        refused("Bearer token", good.withHeader("Authorization", "Bearer " + alice.tokens().idToken()).send(api));
    }

    @Test
    void tampered_method_path_or_query_is_refused(@FreshUser GatehouseUser alice) {
        Notes notes = new Notes(alice);
        String id = notes.created("kept").path("noteId").asText();
        String other = notes.created("other").path("noteId").asText();
        SignedRequest get = signedGet(alice, "/notes/" + id);

        refused("GET signed, DELETE sent", get.withMethod("DELETE").send(api));
        refused("path changed", get.withPathAndQuery("/notes/" + other).send(api));
        refused("query added", get.withPathAndQuery("/notes/" + id + "?x=1").send(api));
        refused("query changed", signedGet(alice, "/notes?x=1").withPathAndQuery("/notes?x=2").send(api));
        assertEquals(200, notes.get(id).statusCode(), "the note survived the tampered DELETE");
    }

    @Test
    void tampered_signed_header_or_body_is_refused(@FreshUser GatehouseUser alice) {
        SignedRequest post = SignedRequest.sign(alice.signer(), api, "POST", "/notes", Map.of("x-client", "app"),
                "{\"content\":\"aaaa\"}");

        refused("signed header changed", post.withHeader("x-client", "evil").send(api));
        refused("signed header removed", post.withHeader("x-client", null).send(api));
        refused("body changed", post.withBody("{\"content\":\"bbbb\"}").send(api));
        refused("content hash changed", post.withHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD").send(api));
        assertEquals(List.of(), new Notes(alice).listedIds(), "no note was created");
    }

    @Test
    void wrong_region_or_service_is_refused(@FreshUser GatehouseUser alice) {
        String otherRegion = target.outputs().region().equals("eu-west-1") ? "us-east-1" : "eu-west-1";
        refused("region " + otherRegion, alice.given(alice.signer().withRegion(otherRegion)).get("/notes"));
        refused("service lambda", alice.given(alice.signer().withService("lambda")).get("/notes"));
        refused("service apigateway", alice.given(alice.signer().withService("apigateway")).get("/notes"));
    }

    @Test
    void signature_six_minutes_off_is_refused(@FreshUser GatehouseUser alice) {
        for (Duration off : List.of(Duration.ofMinutes(-6), Duration.ofMinutes(6))) {
            Clock skewed = Clock.offset(Clock.systemUTC(), off);
            refused("signed " + off + " off", alice.given(alice.signer().withClock(skewed)).get("/notes"));
        }
    }

    @Test
    void unknown_key_wrong_secret_or_wrong_token_is_refused(@FreshUser GatehouseUser alice,
                                                            @FreshUser GatehouseUser bob) {
        IdentityCredentials a = alice.credentials();
        IdentityCredentials b = bob.credentials();
        refused("unknown key", sendAs(alice, new IdentityCredentials(a.identityId(), "ASIA" + "Q".repeat(16),
                a.secretAccessKey(), a.sessionToken(), a.expiration())));
        refused("wrong secret", sendAs(alice, new IdentityCredentials(a.identityId(), a.accessKeyId(),
                b.secretAccessKey(), a.sessionToken(), a.expiration())));
        refused("another key's token", sendAs(alice, new IdentityCredentials(a.identityId(), a.accessKeyId(),
                a.secretAccessKey(), b.sessionToken(), a.expiration())));
        refused("no token", SignedRequest.sign(alice.signer(), api, "GET", "/notes", Map.of(), null)
                .withHeader("X-Amz-Security-Token", null).send(api));
    }

    private Response sendAs(GatehouseUser user, IdentityCredentials credentials) {
        return user.given(user.signer().withCredentials(() -> credentials)).get("/notes");
    }

    @Test
    @GatehouseOnly("makes credentials expire through Gatehouse's credential store and reads the call record")
    void expired_credentials_are_refused(@FreshUser GatehouseUser alice, Gatehouse gatehouse) {
        IdentityCredentials before = alice.credentials();
        assertEquals(200, alice.given().get("/notes").statusCode());

        assertTrue(gatehouse.expireCredentials(alice.identityId()) > 0, "credentials to expire");

        refused("expired credentials", alice.given(alice.signer().withCredentials(() -> before)).get("/notes"));
        alice.signIn();
        assertEquals(200, alice.given().get("/notes").statusCode(), "new credentials after signing in again");
    }

    @Test
    void a_disabled_user_cannot_sign_in_again(@FreshUser GatehouseUser alice) {
        assertEquals(200, alice.given().get("/notes").statusCode());

        target.userPoolAdmin().disableUser(alice.email());

        RuntimeException e = assertThrows(RuntimeException.class, alice::signIn);
        assertTrue(e.getMessage().contains("disabled"), e.getMessage());
    }
}
