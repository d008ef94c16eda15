package dev.gatehouse.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.Outputs;
import dev.gatehouse.emulator.record.CallRecord;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The identity a function sees is the signer's identity-pool identity: stable for a user across sign-ins, different
 * between users, and not the user pool's {@code sub} (which only {@code cognitoIdentity.amr} carries).
 */
@GatehouseTest
class IdentityContract {

    @Test
    void a_note_belongs_to_the_identity_that_signed_its_creation(@FreshUser GatehouseUser alice,
                                                                  @FreshUser GatehouseUser bob) {
        assertEquals(alice.identityId(), new Notes(alice).created("mine").path("userId").asText());
        assertEquals(bob.identityId(), new Notes(bob).created("mine").path("userId").asText());
    }

    @Test
    void a_user_keeps_one_identity_id_across_sign_ins(@FreshUser GatehouseUser alice) {
        String first = alice.identityId();
        String firstKey = alice.credentials().accessKeyId();

        alice.signIn();

        assertEquals(first, alice.identityId());
        assertNotEquals(firstKey, alice.credentials().accessKeyId(), "a new sign-in gets new credentials");
        assertEquals(first, new Notes(alice).created("after").path("userId").asText());
    }

    @Test
    void a_test_user_keeps_one_identity_id_across_sign_ins(@User("alice@example.com") GatehouseUser alice) {
        String first = alice.identityId();
        alice.signIn();
        assertEquals(first, alice.identityId());
    }

    @Test
    void different_users_have_different_identity_ids(@FreshUser GatehouseUser alice, @FreshUser GatehouseUser bob,
                                                     @User("bob@example.com") GatehouseUser fixtureBob) {
        assertEquals(3, List.of(alice.identityId(), bob.identityId(), fixtureBob.identityId()).stream()
                .distinct().count());
    }

    @Test
    void the_identity_id_is_not_the_user_pool_sub(@FreshUser GatehouseUser alice, Outputs outputs) {
        assertTrue(alice.identityId().matches(outputs.region() + ":[0-9a-f-]{36}"), alice.identityId());
        assertNotEquals(alice.sub(), alice.identityId());
        assertNotEquals(alice.sub(), alice.identityId().substring(alice.identityId().indexOf(':') + 1));
    }

    @Test
    @GatehouseOnly("reads the event the function received from the call record")
    void the_event_carries_identity_and_the_user_pool_sub_in_amr(@FreshUser GatehouseUser alice, Outputs outputs,
                                                                 Gatehouse gatehouse) {
        Response r = alice.given().get("/notes");
        assertEquals(200, r.statusCode());
        String requestId = r.header("apigw-requestid");

        List<CallRecord> calls = gatehouse.calls(c -> requestId.equals(c.requestId()));
        assertEquals(1, calls.size(), "call record of " + requestId);
        JsonNode identity = calls.get(0).event().path("requestContext").path("authorizer").path("iam")
                .path("cognitoIdentity");
        assertEquals(alice.identityId(), identity.path("identityId").asText(), identity.toString());
        assertEquals(outputs.identityPoolId(), identity.path("identityPoolId").asText());
        JsonNode amr = identity.path("amr");
        assertEquals("authenticated", amr.path(0).asText(), amr.toString());
        assertEquals(outputs.providerName(), amr.path(1).asText(), amr.toString());
        assertEquals(outputs.providerName() + ":CognitoSignIn:" + alice.sub(), amr.path(2).asText());
    }
}
