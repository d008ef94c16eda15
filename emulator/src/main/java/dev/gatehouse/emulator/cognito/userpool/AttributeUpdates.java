package dev.gatehouse.emulator.cognito.userpool;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.awsjson.AwsJsonError;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Changing a user's attributes and verifying their email, shared by UpdateUserAttributes (the user),
 * AdminUpdateUserAttributes (the developer), GetUserAttributeVerificationCode and VerifyUserAttribute.
 *
 * <p>An email change sends a code to the new address. By default (a pool created by CloudFormation without
 * {@code UserAttributeUpdateSettings}) the new email takes effect at once with {@code email_verified: false}; with
 * {@code attributesRequireVerificationBeforeUpdate: ["email"]} the original email stays active, and verified, until
 * the code confirms the new one.
 */
final class AttributeUpdates {
    private final PoolState pool;

    AttributeUpdates(PoolState pool) {
        this.pool = pool;
    }

    /**
     * Applies {@code given} to the user; returns the code deliveries (the new email's, when it changed).
     *
     * @param byAdmin AdminUpdateUserAttributes: may set {@code email_verified}
     */
    ArrayNode update(StoredUser user, Map<String, String> given, boolean byAdmin) {
        if (given.isEmpty()) {
            throw Input.error("Value null at 'userAttributes' failed to satisfy constraint: Member must not be null");
        }
        synchronized (pool.users()) {
            StoredUser current = pool.users().bySub(user.sub()).orElseThrow(AdminOperations::userNotFound);
            Instant now = pool.now();
            String newEmail = null;
            String verifiedGiven = null;
            StoredUser changed = current;
            for (Map.Entry<String, String> a : given.entrySet()) {
                String name = a.getKey();
                String value = a.getValue();
                if (name.equals("sub")) {
                    throw AwsJsonError.invalidParameter("Cannot modify the non-mutable attribute sub");
                }
                if (!SignUpOperations.STANDARD_ATTRIBUTES.contains(name)) {
                    throw AwsJsonError.invalidParameter("Attribute does not exist in the schema.");
                }
                if (name.equals("email_verified") || name.equals("phone_number_verified")) {
                    if (!byAdmin) {
                        throw AwsJsonError.notAuthorized("A client attempted to write unauthorized attribute");
                    }
                    if (name.equals("email_verified")) {
                        verifiedGiven = "true".equalsIgnoreCase(value) ? "true" : "false";
                    } else {
                        changed = withValue(changed, name, value, now);
                    }
                } else if (name.equals("email")) {
                    if (value.isEmpty()) {
                        throw AwsJsonError.invalidParameter("Attributes did not conform to the schema: email: The "
                                + "attribute is required");
                    }
                    if (!Input.EMAIL.matcher(value).matches()) {
                        throw AwsJsonError.invalidParameter("Invalid email address format.");
                    }
                    if (!value.equals(current.email())) {
                        newEmail = value;
                    }
                } else {
                    changed = withValue(changed, name, value, now);
                }
            }
            ArrayNode deliveries = Shapes.JSON.arrayNode();
            if (newEmail != null) {
                Optional<StoredUser> holder = pool.users().byEmail(newEmail);
                if (holder.isPresent() && !holder.get().sub().equals(current.sub())) {
                    throw aliasExists();
                }
                boolean keepOriginal = pool.config().attributesRequireVerificationBeforeUpdate().contains("email");
                if ("true".equals(verifiedGiven)) {
                    changed = changed.withEmail(newEmail, now).withAttribute("email_verified", "true", now);
                    pool.users().removeVerification(current.sub());
                } else if (keepOriginal) {
                    deliveries.add(sendCode(current.sub(), newEmail, newEmail));
                } else {
                    changed = changed.withEmail(newEmail, now).withAttribute("email_verified", "false", now);
                    deliveries.add(sendCode(current.sub(), newEmail, null));
                }
            } else if (verifiedGiven != null) {
                changed = changed.withAttribute("email_verified", verifiedGiven, now);
                if (verifiedGiven.equals("true")) {
                    pool.users().removeVerification(current.sub());
                }
            }
            pool.users().put(changed);
            return deliveries;
        }
    }

    /**
     * GetUserAttributeVerificationCode: a new code for the email (to the pending address when a change waits for
     * verification).
     */
    ObjectNode sendVerificationCode(StoredUser user, String attribute) {
        if (!attribute.equals("email")) {
            throw AwsJsonError.invalidParameter("Auto verification not turned on.");
        }
        synchronized (pool.users()) {
            String pending = pool.users().verification(user.sub()).map(AttributeVerification::pendingValue)
                    .orElse(null);
            return sendCode(user.sub(), pending != null ? pending : user.email(), pending);
        }
    }

    /** VerifyUserAttribute: the code proves the email; a pending email replaces the original. */
    void verify(StoredUser user, String attribute, String code) {
        synchronized (pool.users()) {
            AttributeVerification v = pool.users().verification(user.sub())
                    .filter(x -> x.attribute().equals(attribute) && x.code().equals(code))
                    .orElseThrow(() -> new AwsJsonError("CodeMismatchException",
                            "Invalid verification code provided, please try again."));
            Instant now = pool.now();
            if (!now.isBefore(v.expires())) {
                throw new AwsJsonError("ExpiredCodeException", "Invalid code provided, please request a code again.");
            }
            StoredUser current = pool.users().bySub(user.sub()).orElseThrow(AdminOperations::userNotFound);
            StoredUser verified = current;
            if (v.pendingValue() != null) {
                Optional<StoredUser> holder = pool.users().byEmail(v.pendingValue());
                if (holder.isPresent() && !holder.get().sub().equals(current.sub())) {
                    throw aliasExists();
                }
                verified = verified.withEmail(v.pendingValue(), now);
            }
            pool.users().removeVerification(user.sub());
            pool.users().put(verified.withAttribute("email_verified", "true", now));
        }
    }

    private ObjectNode sendCode(String sub, String to, String pendingValue) {
        String code = pool.codes().send(to, Outbox.Kind.VERIFY_ATTRIBUTE);
        pool.users().putVerification(new AttributeVerification(sub, "email", code,
                pool.now().plus(SignUpOperations.CODE_LIFETIME), pendingValue));
        return Shapes.emailDelivery(to);
    }

    private static StoredUser withValue(StoredUser user, String name, String value, Instant now) {
        return value.isEmpty() ? user.withoutAttribute(name, now) : user.withAttribute(name, value, now);
    }

    static AwsJsonError aliasExists() {
        return new AwsJsonError("AliasExistsException", "An account with the given email already exists.");
    }
}
