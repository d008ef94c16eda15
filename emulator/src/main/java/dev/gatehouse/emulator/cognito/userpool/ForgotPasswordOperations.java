package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.time.Instant;
import java.util.Optional;

/**
 * ForgotPassword and ConfirmForgotPassword: the public password reset with a code sent to the user's verified email
 * ({@code FORGOT_PASSWORD} in the outbox), good for one hour. Unknown, disabled or unverified users per
 * {@link ExistenceErrors}; guessing limits per {@link ConfirmationCodes}.
 */
final class ForgotPasswordOperations {
    private final PoolState pool;

    ForgotPasswordOperations(PoolState pool) {
        this.pool = pool;
    }

    ObjectNode forgotPassword(JsonNode body) {
        Input in = new Input(body);
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        String username = in.required("Username", Input.USERNAME, 128);
        pool.checkClient(clientId);
        Instant now = pool.now();
        ObjectNode out = Shapes.JSON.objectNode();
        synchronized (pool.users()) {
            Optional<StoredUser> found = pool.users().byUsername(username);
            boolean verified = found.map(u -> "true".equals(u.attributes().get("email_verified"))).orElse(false);
            if (found.isEmpty() || !found.get().enabled() || !verified) {
                if (!pool.existence().hidden()) {
                    throw found.isEmpty() ? pool.existence().unknownUser()
                            : !found.get().enabled() ? AwsJsonError.notAuthorized("User is disabled.")
                            : AwsJsonError.invalidParameter("Cannot reset password for the user as there is no "
                                    + "registered/verified email or phone_number");
                }
                pool.codes().simulateIssue(SignUpOperations.subject(found, username),
                        ConfirmationCodes.Purpose.FORGOT_PASSWORD, now);
                out.set("CodeDeliveryDetails", ExistenceErrors.simulatedDelivery(username));
                return out;
            }
            StoredUser user = found.get();
            pool.codes().issue(user.sub(), user.email(), ConfirmationCodes.Purpose.FORGOT_PASSWORD,
                    Outbox.Kind.FORGOT_PASSWORD, now);
            out.set("CodeDeliveryDetails", Shapes.emailDelivery(user.email()));
            return out;
        }
    }

    ObjectNode confirmForgotPassword(JsonNode body) {
        Input in = new Input(body);
        String clientId = in.required("ClientId", Input.CLIENT_ID, 128);
        String username = in.required("Username", Input.USERNAME, 128);
        String code = in.required("ConfirmationCode", Input.NON_BLANK, 2048);
        String password = in.required("Password", SignUpOperations.PASSWORD, 256);
        pool.checkClient(clientId);
        PasswordPolicy.check(password);
        Instant now = pool.now();
        synchronized (pool.users()) {
            Optional<StoredUser> found = pool.users().byUsername(username);
            if (found.isEmpty() || !found.get().enabled()) {
                if (!pool.existence().hidden()) {
                    throw found.isEmpty() ? pool.existence().unknownUser()
                            : AwsJsonError.notAuthorized("User is disabled.");
                }
                throw pool.codes().refuse(SignUpOperations.subject(found, username),
                        ConfirmationCodes.Purpose.FORGOT_PASSWORD, now);
            }
            StoredUser user = found.get();
            pool.codes().verify(user.sub(), ConfirmationCodes.Purpose.FORGOT_PASSWORD, code, now);
            String status = StoredUser.UNCONFIRMED.equals(user.status()) ? user.status() : StoredUser.CONFIRMED;
            PasswordVerifier pv = PasswordVerifier.of(pool.poolSuffix(), user.sub(), password);
            pool.users().put(user.withPassword(pv, status, now));
            pool.lockout().succeeded(user.sub());
            return Shapes.JSON.objectNode();
        }
    }
}
