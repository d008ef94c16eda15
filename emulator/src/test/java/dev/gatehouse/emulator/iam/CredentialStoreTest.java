package dev.gatehouse.emulator.iam;

import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.config.GatehouseConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialStoreTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:15:30.250Z");
    static final CognitoIdentity ALICE = new CognitoIdentity("us-east-1:11111111-2222-3333-4444-555555555555",
            "us-east-1:6a1e1b4c-6f1e-4f3a-9d2b-1c2a3b4c5d6e", "cognito-idp.us-east-1.amazonaws.com/us-east-1_GateHouse",
            "1b6d2e83-5c8f-4e2b-8d4f-1b2c3d4e5f60");
    static final Principal.AssumedRole ROLE =
            new Principal.AssumedRole("123456789012", "notes-CognitoAuthRole", "AROAGATEHOUSEAUTHROLE1", ALICE);

    final ControlledClock clock = new ControlledClock();

    CredentialStoreTest() {
        clock.freeze(T0);
    }

    @Test
    void issued_credentials_look_like_sts_ones_and_are_found() {
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        Credentials issued = store.issue(ROLE, Duration.ofHours(1));
        assertTrue(issued.accessKeyId().matches("ASIA[A-Z0-9]{16}"), issued.accessKeyId());
        assertEquals(40, issued.secretAccessKey().length());
        assertTrue(issued.sessionToken().matches("[A-Za-z0-9+/=]{200,}"));
        assertEquals(Instant.parse("2026-03-01T11:15:30Z"), issued.expiration());
        assertEquals(issued, store.find(issued.accessKeyId()).orElseThrow());
        assertTrue(store.find("ASIAUNKNOWNUNKNOWN00").isEmpty());
        assertFalse(issued.toString().contains(issued.secretAccessKey()));
        assertFalse(issued.toString().contains(issued.sessionToken()));
    }

    @Test
    void expired_credentials_are_still_found_until_purged() {
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        Credentials issued = store.issue(ROLE, Duration.ofHours(1));
        clock.freeze(T0.plus(Duration.ofHours(2)));
        Credentials found = store.find(issued.accessKeyId()).orElseThrow();
        assertTrue(found.expiredAt(clock.instant()));

        clock.freeze(T0.plus(Duration.ofHours(1)).plus(CredentialStore.PURGE_AFTER).plusSeconds(1));
        store.issue(ROLE, Duration.ofHours(1));
        assertTrue(store.find(issued.accessKeyId()).isEmpty());
    }

    @Test
    void expire_all_ends_one_identitys_credentials_now() {
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        Credentials alices = store.issue(ROLE, Duration.ofHours(1));
        CognitoIdentity bob = new CognitoIdentity("us-east-1:99999999-2222-3333-4444-555555555555",
                ALICE.identityPoolId(), ALICE.providerName(), "2c7e3f94-6d90-4f3c-9e50-2c3d4e5f6071");
        Credentials bobs = store.issue(new Principal.AssumedRole("123456789012", ROLE.roleName(), ROLE.roleId(), bob),
                Duration.ofHours(1));

        assertEquals(1, store.expireAll(ALICE.identityId()));
        assertTrue(store.find(alices.accessKeyId()).orElseThrow().expiredAt(clock.instant()));
        assertFalse(store.find(bobs.accessKeyId()).orElseThrow().expiredAt(clock.instant()));
        assertEquals(0, store.expireAll(ALICE.identityId()));
    }

    @Test
    void credentials_survive_a_restart_on_the_same_data_directory(@TempDir Path dataDir) throws Exception {
        CredentialStore before = new CredentialStore(clock, Optional.of(dataDir));
        Credentials issued = before.issue(ROLE, Duration.ofHours(1));
        assertTrue(Files.exists(dataDir.resolve("iam/credentials.json")));

        CredentialStore after = new CredentialStore(clock, Optional.of(dataDir));
        Credentials found = after.find(issued.accessKeyId()).orElseThrow();
        assertEquals(issued, found);
        assertEquals(ROLE, found.principal());

        after.expireAll(ALICE.identityId());
        CredentialStore third = new CredentialStore(clock, Optional.of(dataDir));
        assertTrue(third.find(issued.accessKeyId()).orElseThrow().expiredAt(clock.instant()));
    }

    @Test
    void developer_keys_are_found_as_an_iam_user() {
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        store.registerDeveloper("123456789012", new GatehouseConfig.Developer("gatehouse-developer",
                "AIDAGATEHOUSEDEVELOPR", "AKIAGATEHOUSEDEVELOP", "gatehouse/developer/secret/key/not/for/aws00"));
        Credentials developer = store.find("AKIAGATEHOUSEDEVELOP").orElseThrow();
        assertFalse(developer.temporary());
        assertNull(developer.expiration());
        assertEquals("arn:aws:iam::123456789012:user/gatehouse-developer", developer.principal().arn());
        assertEquals("gatehouse/developer/secret/key/not/for/aws00", developer.secretAccessKey());
    }

    @Test
    void an_identitys_credentials_are_listed_newest_expiry_first_with_when_they_were_issued() {
        CognitoIdentity bob = new CognitoIdentity("us-east-1:99999999-2222-3333-4444-555555555555",
                ALICE.identityPoolId(), ALICE.providerName(), "2b6d2e83-5c8f-4e2b-8d4f-1b2c3d4e5f60");
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        Credentials shorter = store.issue(ROLE, Duration.ofMinutes(30));
        Credentials longer = store.issue(ROLE, Duration.ofHours(1));
        store.issue(new Principal.AssumedRole("123456789012", "notes-CognitoAuthRole", "AROAGATEHOUSEAUTHROLE1", bob),
                Duration.ofHours(2));
        assertEquals(List.of(longer, shorter), store.issuedTo(ALICE.identityId()));
        assertEquals(List.of(), store.issuedTo("us-east-1:00000000-0000-0000-0000-000000000000"));
        assertEquals(Optional.of(T0), store.issuedAt(shorter.accessKeyId()));
        assertEquals(Optional.empty(), store.issuedAt("ASIAUNKNOWNUNKNOWN00"));
    }

    @Test
    void an_identitys_credentials_come_newest_expiry_first_whatever_the_order_they_were_issued_in() {
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        List<Integer> minutes = List.of(40, 15, 55, 20, 60, 25, 45, 30, 50, 35);
        minutes.forEach(m -> store.issue(ROLE, Duration.ofMinutes(m)));
        List<Instant> expirations = store.issuedTo(ALICE.identityId()).stream().map(Credentials::expiration).toList();
        assertEquals(minutes.stream().sorted(java.util.Comparator.reverseOrder())
                .map(m -> Instant.parse("2026-03-01T10:15:30Z").plus(Duration.ofMinutes(m))).toList(), expirations);
    }

    @Test
    void the_store_counts_the_temporary_credentials_it_holds_until_they_are_purged() {
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        assertEquals(0, store.size());
        store.issue(ROLE, Duration.ofHours(1));
        store.issue(ROLE, Duration.ofHours(1));
        store.registerDeveloper("123456789012", new GatehouseConfig.Developer("gatehouse-developer",
                "AIDAGATEHOUSEDEVELOPR", "AKIAGATEHOUSEDEVELOP", "gatehouse/developer/secret/key/not/for/aws00"));
        assertEquals(2, store.size());
        clock.freeze(T0.plus(Duration.ofHours(1)).plus(CredentialStore.PURGE_AFTER).plusSeconds(1));
        store.issue(ROLE, Duration.ofHours(1));
        assertEquals(1, store.size());
    }

    @Test
    void registering_the_developer_returns_the_credentials_that_sign_as_that_iam_user() {
        CredentialStore store = new CredentialStore(clock, Optional.empty());
        Credentials registered = store.registerDeveloper("123456789012", new GatehouseConfig.Developer("alice",
                "AIDAALICEEXAMPLE00001", "AKIAALICEEXAMPLE0001", "alice/secret/key/not/for/aws/000000000000"));
        assertEquals(store.find("AKIAALICEEXAMPLE0001").orElseThrow(), registered);
        assertEquals("arn:aws:iam::123456789012:user/alice", registered.principal().arn());
        assertEquals("AIDAALICEEXAMPLE00001", registered.principal().userId());
        assertEquals("123456789012", registered.principal().accountId());
    }

    @Test
    void issued_credentials_speak_for_the_assumed_role_session_of_the_identity_pool() {
        Credentials issued = new CredentialStore(clock, Optional.empty()).issue(ROLE, Duration.ofHours(1));
        assertEquals("arn:aws:sts::123456789012:assumed-role/notes-CognitoAuthRole/CognitoIdentityCredentials",
                issued.principal().arn());
        assertEquals("AROAGATEHOUSEAUTHROLE1:CognitoIdentityCredentials", issued.principal().userId());
    }

    @Test
    void credentials_print_their_key_id_principal_and_expiry_but_never_the_secret_or_token() {
        Credentials issued = new CredentialStore(clock, Optional.empty()).issue(ROLE, Duration.ofHours(1));
        assertEquals("Credentials[" + issued.accessKeyId() + ", " + ROLE.arn() + ", expires 2026-03-01T11:15:30Z]",
                issued.toString());
        assertEquals("StoredCredentials[" + issued.accessKeyId() + ", notes-CognitoAuthRole, " + ALICE.identityId()
                + ", 2026-03-01T11:15:30Z]", StoredCredentials.of(issued).toString());
    }
}
