package dev.gatehouse.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.client.SignIn.IdentityCredentials;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * One signed-in test user: signed in to the user pool with SRP, holding identity-pool credentials that are renewed
 * (by signing in again) when less than five minutes are left, and handing out REST Assured requests signed with them.
 * Thread-confined: give each test its own.
 */
public final class GatehouseUser {
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RestAssuredConfig EXACT_BYTES = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)
                    .defaultContentCharset(StandardCharsets.UTF_8));

    private final Target target;
    private final String email;
    private final String password;
    private final Clock clock;
    private SignIn.Tokens tokens;
    private IdentityCredentials credentials;

    GatehouseUser(Target target, String email, String password, Clock clock) {
        this.target = target;
        this.email = email;
        this.password = password;
        this.clock = clock;
        signIn();
    }

    public String email() {
        return email;
    }

    /** The identity pool's id of this user ({@code region:uuid}): the {@code userId} the notes API stores. */
    public String identityId() {
        return credentials().identityId();
    }

    /** The user pool's {@code sub} of this user, from the ID token. */
    public String sub() {
        return claims().path("sub").asText();
    }

    /** The ID token's claims. */
    public JsonNode claims() {
        String payload = tokens.idToken().split("\\.")[1];
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(payload));
        } catch (IOException e) {
            throw new UncheckedIOException("the ID token's payload is not JSON", e);
        }
    }

    public SignIn.Tokens tokens() {
        return tokens;
    }

    /** Current identity-pool credentials; signs in again first when they expire within five minutes. */
    public synchronized IdentityCredentials credentials() {
        if (credentials.expiration() == null
                || credentials.expiration().isBefore(clock.instant().plus(RENEW_BEFORE))) {
            signIn();
        }
        return credentials;
    }

    /** Signs in again (SRP, then the identity pool), replacing tokens and credentials. */
    public synchronized void signIn() {
        tokens = target.signIn().srp(email, password);
        credentials = target.signIn().credentials(tokens.idToken());
    }

    /** The code of the newest message the user pool sent this user (see {@link Target#messages}). */
    public String latestCode() {
        return target.latestCode(email);
    }

    /** This user's signer; its variants (other region, service, clock) reproduce auth bugs. */
    public SigV4Filter signer() {
        return SigV4Filter.of(this::credentials, target.outputs().region());
    }

    /** A request to the API, signed as this user. */
    public RequestSpecification given() {
        return given(signer());
    }

    /** A request to the API, signed by this filter. */
    public RequestSpecification given(SigV4Filter signer) {
        return unsigned().filter(signer);
    }

    /** A request to the API, not signed. */
    public RequestSpecification unsigned() {
        return RestAssured.given().config(EXACT_BYTES).baseUri(target.outputs().apiEndpoint());
    }

    @Override
    public String toString() {
        return "GatehouseUser[" + email + "]";
    }
}
