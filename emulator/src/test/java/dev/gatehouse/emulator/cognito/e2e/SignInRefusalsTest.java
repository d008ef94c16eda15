package dev.gatehouse.emulator.cognito.e2e;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.emulator.Gatehouse;
import dev.gatehouse.emulator.client.SignIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a running Gatehouse refuses on the way to credentials, each as AWS words it: wrong password, unconfirmed and
 * disabled users, expired, forged, foreign-audience and access tokens, another user's Logins, and expired credentials
 * at the API. Runs with a data directory so a test can read the pool's real signing key.
 */
class SignInRefusalsTest {
    static final String PASSWORD = "Refusal-Passw0rd!";
    static Path dataDir;
    static Gatehouse gatehouse;
    static CognitoClients clients;

    @BeforeAll
    static void start() throws Exception {
        dataDir = ExternalTool.tempDir("refusals-data");
        gatehouse = Gatehouse.builder().port(0).dataDir(dataDir).start();
        clients = new CognitoClients(gatehouse);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.close();
        }
        if (gatehouse != null) {
            gatehouse.close();
        }
    }

    @AfterEach
    void restoreClock() {
        gatehouse.clock().resume();
    }

    @Test
    void a_wrong_password_is_refused_for_both_flows() throws Exception {
        String email = CognitoClients.freshEmail("wrong-password");
        String sub = clients.confirmedUser(email, PASSWORD);
        assertNotAuthorized("Incorrect username or password.", () -> clients.passwordAuth(email, PASSWORD + "x"));
        try (SignIn signIn = signIn()) {
            assertNotAuthorized("Incorrect username or password.", () -> signIn.srp(email, PASSWORD + "x"));
            assertEquals(sub, subOf(signIn.srp(email, PASSWORD).idToken()), "the right password still works");
        }
    }

    @Test
    void an_unconfirmed_user_cannot_sign_in() {
        String email = CognitoClients.freshEmail("unconfirmed");
        clients.signUp(email, PASSWORD);
        AwsServiceException e = CognitoClients.refused(() -> clients.passwordAuth(email, PASSWORD));
        assertEquals("UserNotConfirmedException", e.awsErrorDetails().errorCode());
        assertEquals("User is not confirmed.", e.awsErrorDetails().errorMessage());
        try (SignIn signIn = signIn()) {
            AwsServiceException srp = CognitoClients.refused(() -> signIn.srp(email, PASSWORD));
            assertEquals("UserNotConfirmedException", srp.awsErrorDetails().errorCode());
        }
    }

    @Test
    void a_disabled_user_cannot_sign_in() {
        String email = CognitoClients.freshEmail("disabled");
        clients.confirmedUser(email, PASSWORD);
        clients.passwordAuth(email, PASSWORD);
        clients.admin.adminDisableUser(r -> r.userPoolId(clients.outputs.userPoolId()).username(email));
        assertNotAuthorized("User is disabled.", () -> clients.passwordAuth(email, PASSWORD));
        try (SignIn signIn = signIn()) {
            assertNotAuthorized("User is disabled.", () -> signIn.srp(email, PASSWORD));
        }
    }

    @Test
    void an_expired_id_token_gets_no_credentials() throws Exception {
        String email = CognitoClients.freshEmail("expired-token");
        clients.confirmedUser(email, PASSWORD);
        String idToken = clients.passwordAuth(email, PASSWORD).idToken();
        String identityId = clients.getId(idToken);
        long exp = SignedJWT.parse(idToken).getJWTClaimsSet().getExpirationTime().toInstant().getEpochSecond();

        gatehouse.clock().offset(Duration.ofMinutes(61));
        AwsServiceException e = CognitoClients.refused(() -> clients.credentialsFor(identityId, idToken));
        assertEquals("NotAuthorizedException", e.awsErrorDetails().errorCode());
        Matcher m = Pattern.compile("Invalid login token\\. Token expired: (\\d+) >= (\\d+)")
                .matcher(e.awsErrorDetails().errorMessage());
        assertTrue(m.matches(), e.awsErrorDetails().errorMessage());
        assertEquals(exp, Long.parseLong(m.group(2)));
        assertTrue(Long.parseLong(m.group(1)) >= exp);
        assertNotAuthorized(e.awsErrorDetails().errorMessage().substring(0, 34), () -> clients.getId(idToken));

        gatehouse.clock().resume();
        assertEquals(identityId, clients.getId(idToken), "the same token is good again once the clock is back");
    }

    @Test
    void a_token_signed_with_another_key_is_refused() throws Exception {
        String idToken = signedInIdToken("forged");
        SignedJWT original = SignedJWT.parse(idToken);
        RSAKey attacker = new RSAKeyGenerator(2048).keyID(original.getHeader().getKeyID()).generate();
        String forged = sign(original.getJWTClaimsSet(), attacker);
        assertNotAuthorized("Invalid login token. Couldn't verify signed token.", () -> clients.getId(forged));
    }

    @Test
    void a_token_for_another_app_client_is_refused_even_when_signed_with_the_pool_key() throws Exception {
        String idToken = signedInIdToken("audience");
        SignedJWT original = SignedJWT.parse(idToken);
        RSAKey poolKey = poolSigningKey(original.getHeader().getKeyID());
        String resigned = sign(original.getJWTClaimsSet(), poolKey);
        assertEquals(clients.getId(idToken), clients.getId(resigned), "the pool's own key re-signs an accepted token");

        String otherClient = sign(new JWTClaimsSet.Builder(original.getJWTClaimsSet())
                .audience("7another0app0client0id0000").build(), poolKey);
        assertNotAuthorized("Token is not from a supported provider of this identity pool.",
                () -> clients.getId(otherClient));
    }

    @Test
    void an_access_token_is_not_an_id_token() {
        String email = CognitoClients.freshEmail("access-token");
        clients.confirmedUser(email, PASSWORD);
        AuthenticationResultType tokens = clients.passwordAuth(email, PASSWORD);
        assertNotAuthorized("Invalid login token. Missing a required claim: aud",
                () -> clients.getId(tokens.accessToken()));
        String identityId = clients.getId(tokens.idToken());
        assertNotAuthorized("Invalid login token. Missing a required claim: aud",
                () -> clients.credentialsFor(identityId, tokens.accessToken()));
    }

    @Test
    void the_logins_of_another_user_get_no_credentials_for_an_identity() {
        String alice = signedInIdToken("logins-a");
        String bob = signedInIdToken("logins-b");
        String aliceIdentity = clients.getId(alice);
        assertNotAuthorized("Logins don't match. Please include at least one valid login for this identity or "
                + "identity pool.", () -> clients.credentialsFor(aliceIdentity, bob));
        AwsServiceException none = CognitoClients.refused(() -> clients.identityPool.getCredentialsForIdentity(
                r -> r.identityId(aliceIdentity)));
        assertEquals("NotAuthorizedException", none.awsErrorDetails().errorCode());
    }

    @Test
    void credentials_past_their_expiration_are_refused_by_the_api() throws Exception {
        String idToken = signedInIdToken("expired-credentials");
        Credentials c = clients.credentialsFor(clients.getId(idToken), idToken);
        HttpResponse<String> fresh = ApiRequest.send(CognitoClients.identity(c), "GET", gatehouse.baseUri(),
                "/notes", null);
        assertEquals(200, fresh.statusCode(), fresh.body());

        Duration pastExpiry = Duration.between(Instant.now(), c.expiration()).plusMinutes(1);
        gatehouse.clock().offset(pastExpiry);
        HttpResponse<String> late = ApiRequest.send(CognitoClients.identity(c), "GET", gatehouse.baseUri(),
                "/notes", null);
        assertEquals(403, late.statusCode());
        assertEquals("{\"message\":\"Forbidden\"}", late.body());
        assertEquals("ExpiredTokenException", late.headers().firstValue("x-amzn-ErrorType").orElse(null));
    }

    private static final Pattern TEN_MINUTES_BEHIND = Pattern.compile("\\b60[01] s behind");

    @Test
    void an_srp_timestamp_more_than_five_minutes_off_is_refused_and_says_so() {
        String email = CognitoClients.freshEmail("srp-timestamp");
        clients.confirmedUser(email, PASSWORD);
        try {
            gatehouse.clock().clientSkew(Duration.ofMinutes(10));
            AwsServiceException e = CognitoClients.refused(() -> {
                try (SignIn signIn = signIn()) {
                    signIn.srp(email, PASSWORD);
                }
            });
            assertEquals("NotAuthorizedException", e.awsErrorDetails().errorCode());
            assertEquals("Incorrect username or password.", e.awsErrorDetails().errorMessage(), "AWS's words");
            String reason = e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("X-Gatehouse-Reason").orElse("");
            assertTrue(reason.startsWith("SRP_TIMESTAMP: the TIMESTAMP "), reason);
            // TIMESTAMP has whole seconds: formatted in one second and checked in the next, it reads 601 s
            assertTrue(TEN_MINUTES_BEHIND.matcher(reason).find(), reason);
            var record = gatehouse.calls(r -> "RespondToAuthChallenge".equals(r.operation()))
                    .stream().reduce((first, last) -> last).orElseThrow();
            assertEquals(400, record.status());
            assertEquals("SRP_TIMESTAMP", record.reason());
            assertTrue(TEN_MINUTES_BEHIND.matcher(record.explanation()).find(), record.explanation());
        } finally {
            gatehouse.clock().clientSkew(Duration.ZERO);
        }
        try (SignIn signIn = signIn()) {
            assertNotNull(signIn.srp(email, PASSWORD).idToken(), "signs in once the client's clock is right");
        }
    }

    @Test
    void moving_the_clock_two_hours_breaks_no_sign_in() {
        String email = CognitoClients.freshEmail("clock-moved");
        clients.confirmedUser(email, PASSWORD);
        try {
            gatehouse.clock().offset(Duration.ofHours(2));
            try (SignIn signIn = signIn()) {
                assertNotNull(signIn.srp(email, PASSWORD).idToken(), "SRP sign-in");
            }
            assertNotNull(clients.passwordAuth(email, PASSWORD).idToken(), "password sign-in");
        } finally {
            gatehouse.clock().resume();
        }
    }

    private static String signedInIdToken(String test) {
        String email = CognitoClients.freshEmail(test);
        clients.confirmedUser(email, PASSWORD);
        return clients.passwordAuth(email, PASSWORD).idToken();
    }

    private static SignIn signIn() {
        return new SignIn(clients.outputs, gatehouse.baseUri(), Clock.systemUTC());
    }

    private static void assertNotAuthorized(String message, Runnable call) {
        AwsServiceException e = CognitoClients.refused(call);
        assertEquals("NotAuthorizedException", e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith(message), e.awsErrorDetails().errorMessage());
    }

    private static String sign(JWTClaimsSet claims, RSAKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The pool's private signing key, as Gatehouse keeps it in its data directory. */
    private static RSAKey poolSigningKey(String kid) throws Exception {
        JWKSet keys = JWKSet.parse(Files.readString(dataDir.resolve("cognito").resolve("user-pool-keys.json")));
        List<RSAKey> matching = keys.getKeys().stream().filter(k -> kid.equals(k.getKeyID()))
                .map(k -> k.toRSAKey()).toList();
        assertEquals(1, matching.size(), "one key with kid " + kid + " in the data directory");
        assertTrue(matching.get(0).isPrivate());
        return matching.get(0);
    }

    private static String subOf(String idToken) throws Exception {
        return SignedJWT.parse(idToken).getJWTClaimsSet().getSubject();
    }
}
