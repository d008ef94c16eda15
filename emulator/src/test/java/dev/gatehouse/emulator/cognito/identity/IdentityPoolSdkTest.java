package dev.gatehouse.emulator.cognito.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import dev.gatehouse.emulator.clock.ControlledClock;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.CredentialStore;
import dev.gatehouse.emulator.iam.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity pool through the real AWS SDK v2 client, over HTTP on loopback. */
class IdentityPoolSdkTest {
    static final String POOL_ID = Fixture.identityPool(false).id();
    static final String ALICE = "1b6d2e83-5c8f-4e2b-8d4f-1b2c3d4e5f60";
    static final String BOB = "2c7e3f94-6d90-4f3c-9e50-2c3d4e5f6071";

    final TestUserPool userPool = new TestUserPool();
    final ControlledClock clock = new ControlledClock();
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final List<AutoCloseable> open = new ArrayList<>();
    CredentialStore store;
    CognitoIdentityClient client;

    @BeforeEach
    void start() {
        clock.freeze(now);
        store = new CredentialStore(clock, Optional.empty());
        client = clientFor(pool(false, Optional.empty()));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    IdentityPool pool(boolean allowUnauthenticated, Optional<Path> dataDir) {
        return new IdentityPool(Fixture.identityPool(allowUnauthenticated), Fixture.userPool(), "us-east-1",
                Fixture.accountId(), clock, userPool::publicKeys, store, dataDir);
    }

    CognitoIdentityClient clientFor(IdentityPool pool) {
        AwsJsonTestServer server = new AwsJsonTestServer(pool);
        CognitoIdentityClient c = CognitoIdentityClient.builder().region(Region.US_EAST_1)
                .endpointOverride(server.uri()).credentialsProvider(AnonymousCredentialsProvider.create()).build();
        open.add(c);
        open.add(server);
        return c;
    }

    String getId(CognitoIdentityClient c, String idToken) {
        return c.getId(r -> r.identityPoolId(POOL_ID).logins(Map.of(TestUserPool.PROVIDER, idToken))).identityId();
    }

    String refusal(Runnable call) {
        NotAuthorizedException e = assertThrows(NotAuthorizedException.class, call::run);
        assertEquals(400, e.statusCode());
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void signed_in_user_gets_temporary_credentials_for_the_authenticated_role() {
        String token = userPool.idToken(ALICE, now);
        String identityId = getId(client, token);
        assertTrue(identityId.matches("us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                identityId);

        GetCredentialsForIdentityResponse response = client.getCredentialsForIdentity(
                r -> r.identityId(identityId).logins(Map.of(TestUserPool.PROVIDER, token)));
        Credentials credentials = response.credentials();
        assertEquals(identityId, response.identityId());
        assertTrue(credentials.accessKeyId().matches("ASIA[A-Z0-9]{16}"), credentials.accessKeyId());
        assertEquals(40, credentials.secretKey().length());
        assertTrue(credentials.sessionToken().length() > 100);
        assertEquals(now.plus(Duration.ofMinutes(60)), credentials.expiration());

        var stored = store.find(credentials.accessKeyId()).orElseThrow();
        assertEquals(credentials.secretKey(), stored.secretAccessKey());
        assertEquals(credentials.sessionToken(), stored.sessionToken());
        var role = (Principal.AssumedRole) stored.principal();
        assertEquals("arn:aws:sts::123456789012:assumed-role/notes-CognitoAuthRole/CognitoIdentityCredentials",
                role.arn());
        assertEquals("AROAGATEHOUSEAUTHROLE1:CognitoIdentityCredentials", role.userId());
        assertEquals(new CognitoIdentity(identityId, POOL_ID, TestUserPool.PROVIDER, ALICE), role.identity());
    }

    @Test
    void a_user_keeps_one_identity_id_across_pools_and_sign_ins() {
        String first = getId(client, userPool.idToken(ALICE, now));
        clock.freeze(now.plusSeconds(600));
        CognitoIdentityClient restarted = clientFor(pool(false, Optional.empty()));
        String second = getId(restarted, userPool.idToken(ALICE, now.plusSeconds(600)));
        assertEquals(first, second);
        assertEquals(first, pool(false, Optional.empty()).identityFor(ALICE).identityId());
    }

    @Test
    void different_users_get_different_identity_ids() {
        assertNotEquals(getId(client, userPool.idToken(ALICE, now)), getId(client, userPool.idToken(BOB, now)));
    }

    @Test
    void expired_id_token_is_refused() {
        String token = userPool.idToken(ALICE, now);
        Instant later = now.plus(Duration.ofHours(2));
        clock.freeze(later);
        assertEquals("Invalid login token. Token expired: " + later.getEpochSecond() + " >= "
                + now.plus(Duration.ofHours(1)).getEpochSecond(), refusal(() -> getId(client, token)));
    }

    @Test
    void token_signed_by_another_key_is_refused() {
        assertEquals("Invalid login token. Couldn't verify signed token.",
                refusal(() -> getId(client, userPool.forgedIdToken(ALICE, now))));
    }

    @Test
    void token_for_another_app_client_is_refused() {
        String token = userPool.idToken(ALICE, now, c -> c.audience("someotherclient1234567890"));
        assertEquals("Token is not from a supported provider of this identity pool.",
                refusal(() -> getId(client, token)));
    }

    @Test
    void access_token_in_place_of_the_id_token_is_refused() {
        assertEquals("Invalid login token. Missing a required claim: aud",
                refusal(() -> getId(client, userPool.accessToken(ALICE, now))));
    }

    @Test
    void token_from_another_issuer_is_refused() {
        String token = userPool.idToken(ALICE, now,
                c -> c.issuer("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_SomeOther"));
        assertEquals("Invalid login token. Issuer doesn't match providerName", refusal(() -> getId(client, token)));
    }

    @Test
    void login_for_a_provider_the_pool_does_not_have_is_refused() {
        String token = userPool.idToken(ALICE, now);
        assertEquals("Token is not from a supported provider of this identity pool.", refusal(() -> client.getId(
                r -> r.identityPoolId(POOL_ID).logins(Map.of("cognito-idp.eu-west-1.amazonaws.com/eu-west-1_X", token)))));
    }

    @Test
    void credentials_for_another_users_identity_are_refused() {
        String aliceId = getId(client, userPool.idToken(ALICE, now));
        String bobToken = userPool.idToken(BOB, now);
        getId(client, bobToken);
        assertEquals("Logins don't match. Please include at least one valid login for this identity or identity pool.",
                refusal(() -> client.getCredentialsForIdentity(
                        r -> r.identityId(aliceId).logins(Map.of(TestUserPool.PROVIDER, bobToken)))));
        assertEquals("Logins don't match. Please include at least one valid login for this identity or identity pool.",
                refusal(() -> client.getCredentialsForIdentity(r -> r.identityId(aliceId))));
        assertEquals(0, store.size());
    }

    @Test
    void unauthenticated_access_is_refused_when_the_pool_does_not_allow_it() {
        assertEquals("Unauthenticated access is not supported for this identity pool.",
                refusal(() -> client.getId(r -> r.identityPoolId(POOL_ID))));
    }

    @Test
    void guest_identity_gets_the_unauthenticated_role_when_allowed() {
        CognitoIdentityClient guests = clientFor(pool(true, Optional.empty()));
        String guestId = guests.getId(r -> r.identityPoolId(POOL_ID)).identityId();
        Credentials credentials = guests.getCredentialsForIdentity(r -> r.identityId(guestId)).credentials();
        var role = (Principal.AssumedRole) store.find(credentials.accessKeyId()).orElseThrow().principal();
        assertEquals("notes-CognitoUnauthRole", role.roleName());
        assertEquals(List.of("unauthenticated"), role.identity().amr());
    }

    @Test
    void unknown_or_malformed_pool_ids_are_refused() {
        var notFound = assertThrows(
                software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException.class,
                () -> client.getId(r -> r.identityPoolId("us-east-1:00000000-0000-0000-0000-000000000000")
                        .logins(Map.of(TestUserPool.PROVIDER, userPool.idToken(ALICE, now)))));
        assertEquals("IdentityPool 'us-east-1:00000000-0000-0000-0000-000000000000' not found.",
                notFound.awsErrorDetails().errorMessage());
        var invalid = assertThrows(
                software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException.class,
                () -> client.getId(r -> r.identityPoolId("not a pool id")));
        assertTrue(invalid.awsErrorDetails().errorMessage().contains("identityPoolId"),
                invalid.awsErrorDetails().errorMessage());
    }

    @Test
    void open_id_token_names_the_identity() throws Exception {
        IdentityPool pool = pool(false, Optional.empty());
        CognitoIdentityClient c = clientFor(pool);
        String token = userPool.idToken(ALICE, now);
        String identityId = getId(c, token);
        String openId = c.getOpenIdToken(r -> r.identityId(identityId).logins(Map.of(TestUserPool.PROVIDER, token)))
                .token();
        var jwt = com.nimbusds.jwt.SignedJWT.parse(openId);
        var key = (com.nimbusds.jose.jwk.RSAKey) pool.openIdTokenKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertTrue(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key)));
        assertEquals(identityId, jwt.getJWTClaimsSet().getSubject());
        assertEquals(List.of(POOL_ID), jwt.getJWTClaimsSet().getAudience());
        assertEquals("https://cognito-identity.amazonaws.com", jwt.getJWTClaimsSet().getIssuer());
    }

    @Test
    void identities_and_the_open_id_key_are_persisted_under_the_data_directory(@TempDir Path dataDir) throws Exception {
        IdentityPool first = pool(true, Optional.of(dataDir));
        CognitoIdentityClient c = clientFor(first);
        String guestId = c.getId(r -> r.identityPoolId(POOL_ID)).identityId();
        String aliceId = getId(c, userPool.idToken(ALICE, now));
        String file = Files.readString(dataDir.resolve("cognito-identity/identities.json"));
        assertTrue(file.contains(guestId) && file.contains(aliceId) && file.contains(ALICE), file);

        String openIdKeys = first.openIdTokenKeys().toString();

        IdentityPool second = pool(true, Optional.of(dataDir));
        CognitoIdentityClient restarted = clientFor(second);
        Credentials credentials = restarted.getCredentialsForIdentity(r -> r.identityId(guestId)).credentials();
        assertTrue(credentials.accessKeyId().startsWith("ASIA"));
        assertEquals(openIdKeys, second.openIdTokenKeys().toString());
    }

    /** Guards IdentityPool: a guest identity made while guests were allowed gets nothing once the pool forbids them. */
    @Test
    void guest_identity_gets_no_credentials_after_the_pool_stops_allowing_guests(@TempDir Path dataDir) {
        String guestId = clientFor(pool(true, Optional.of(dataDir))).getId(r -> r.identityPoolId(POOL_ID)).identityId();
        CognitoIdentityClient closed = clientFor(pool(false, Optional.of(dataDir)));
        assertEquals("Unauthenticated access is not supported for this identity pool.",
                refusal(() -> closed.getCredentialsForIdentity(r -> r.identityId(guestId))));
        assertEquals(0, store.size());
    }

    /** Guards LoginVerifier's algorithm check: an ID token signed by the pool's own key with RS384 is refused. */
    @Test
    void id_token_signed_with_another_algorithm_is_refused() {
        String token = userPool.idTokenWithHeader(ALICE, now, kid -> new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(kid));
        assertEquals("Invalid login token. Couldn't verify signed token.", refusal(() -> getId(client, token)));
    }

    /** Guards LoginVerifier's key lookup: a token with no key id, or a key id the pool never had, is refused. */
    @Test
    void id_token_without_a_known_key_id_is_refused() {
        String noKid = userPool.idTokenWithHeader(ALICE, now, kid -> new JWSHeader.Builder(JWSAlgorithm.RS256));
        assertEquals("Invalid login token. Couldn't verify signed token.", refusal(() -> getId(client, noKid)));
        String unknownKid = userPool.idTokenWithHeader(ALICE, now,
                kid -> new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("not-a-key-of-this-pool"));
        assertEquals("Invalid login token. Couldn't verify signed token.", refusal(() -> getId(client, unknownKid)));
        assertEquals(0, store.size());
    }

    /** Guards LoginVerifier's expiry check: a token is refused from the second its exp names (now >= exp). */
    @Test
    void id_token_is_refused_at_the_second_it_expires() {
        String token = userPool.idToken(ALICE, now);
        Instant exp = now.plus(Duration.ofHours(1));
        clock.freeze(exp.minusSeconds(1));
        getId(client, token);
        clock.freeze(exp);
        assertEquals("Invalid login token. Token expired: " + exp.getEpochSecond() + " >= " + exp.getEpochSecond(),
                refusal(() -> getId(client, token)));
    }

    @Test
    void id_token_without_sub_or_exp_is_refused_naming_the_claim() {
        String noSub = userPool.idToken(ALICE, now, c -> c.subject(null));
        assertEquals("Invalid login token. Missing a required claim: sub", refusal(() -> getId(client, noSub)));
        String noExp = userPool.idToken(ALICE, now, c -> c.expirationTime(null));
        assertEquals("Invalid login token. Missing a required claim: exp", refusal(() -> getId(client, noExp)));
        assertEquals(0, store.size());
    }

    /** Guards IdentityPool's CustomRoleArn check: only the role the identity would get anyway can be asked for. */
    @Test
    void custom_role_arn_must_be_the_identitys_own_role() {
        String token = userPool.idToken(ALICE, now);
        String identityId = getId(client, token);
        var invalid = assertThrows(
                software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException.class,
                () -> client.getCredentialsForIdentity(r -> r.identityId(identityId)
                        .logins(Map.of(TestUserPool.PROVIDER, token))
                        .customRoleArn("arn:aws:iam::123456789012:role/notes-CognitoUnauthRole")));
        assertEquals("CustomRoleArn arn:aws:iam::123456789012:role/notes-CognitoUnauthRole is not a role of this "
                + "identity pool for this identity (Gatehouse has no role mappings).",
                invalid.awsErrorDetails().errorMessage());
        assertEquals(0, store.size());

        Credentials credentials = client.getCredentialsForIdentity(r -> r.identityId(identityId)
                .logins(Map.of(TestUserPool.PROVIDER, token))
                .customRoleArn("arn:aws:iam::123456789012:role/notes-CognitoAuthRole")).credentials();
        assertEquals("notes-CognitoAuthRole",
                ((Principal.AssumedRole) store.find(credentials.accessKeyId()).orElseThrow().principal()).roleName());
    }

    /** Guards IdentityPool.policyFor: a signed-in identity is judged by the authenticated role's policy, a guest by the other. */
    @Test
    void each_identity_is_judged_by_its_own_roles_policy() {
        IdentityPool pool = pool(true, Optional.empty());
        String route = dev.gatehouse.emulator.iam.ExecuteApiPolicy.resourceArn("us-east-1", "123456789012",
                "gh0notes01", "$default", "GET", "/notes");
        CognitoIdentity alice = pool.identityFor(ALICE);
        CognitoIdentity guest = new CognitoIdentity("us-east-1:00000000-1111-2222-3333-444444444444", POOL_ID, null,
                null);
        assertEquals(dev.gatehouse.emulator.iam.PolicyDecision.Verdict.ALLOW,
                pool.policyFor(alice).evaluateInvoke(route, alice).verdict());
        assertEquals(dev.gatehouse.emulator.iam.PolicyDecision.Verdict.EXPLICIT_DENY,
                pool.policyFor(guest).evaluateInvoke(route, guest).verdict());
    }

    @Test
    void the_pool_names_itself_and_derives_a_users_identity_id_without_creating_the_identity() {
        IdentityPool pool = pool(false, Optional.empty());
        assertEquals(POOL_ID, pool.identityPoolId());
        assertEquals("cognito-identity", pool.signingName());
        assertEquals("AWSCognitoIdentityService", pool.targetPrefix());
        CognitoIdentityClient c = clientFor(pool);
        String derived = pool.identityIdOf(ALICE);
        var notFound = assertThrows(
                software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException.class,
                () -> c.getCredentialsForIdentity(r -> r.identityId(derived)));
        assertEquals("Identity '" + derived + "' not found.", notFound.awsErrorDetails().errorMessage());
        assertEquals(derived, getId(c, userPool.idToken(ALICE, now)));
    }

    /** Guards LoginVerifier: a pool key Java cannot use (an RSA modulus too short) verifies nothing. */
    @Test
    void a_user_pool_key_that_cannot_be_used_verifies_no_token() throws Exception {
        String token = userPool.idToken(ALICE, now);
        String kid = com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getKeyID();
        var shortKey = new com.nimbusds.jose.jwk.RSAKey.Builder(
                com.nimbusds.jose.util.Base64URL.encode(java.math.BigInteger.ONE.shiftLeft(255).add(java.math.BigInteger.ONE)),
                com.nimbusds.jose.util.Base64URL.encode(java.math.BigInteger.valueOf(65537))).keyID(kid).build();
        LoginVerifier verifier = new LoginVerifier(TestUserPool.PROVIDER, List.of(TestUserPool.CLIENT_ID),
                () -> new com.nimbusds.jose.jwk.JWKSet(shortKey), clock);
        var e = assertThrows(dev.gatehouse.emulator.awsjson.AwsJsonError.class,
                () -> verifier.verify(Map.of(TestUserPool.PROVIDER, token)));
        assertEquals("NotAuthorizedException", e.type());
        assertEquals("Invalid login token. Couldn't verify signed token.", e.getMessage());
    }
}
