package dev.gatehouse.emulator.cognito.userpool;

import dev.gatehouse.emulator.awsjson.AwsJsonError;

/**
 * Cognito's default password policy: at least 8 characters, with an upper and a lower case letter, a number and a
 * symbol. Only Basic Latin letters count as upper or lower case ({@code A-Z}, {@code a-z}), as Cognito documents: an
 * {@code É} or {@code ß} is allowed in a password but meets neither rule.
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 8;
    private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";

    private PasswordPolicy() {
    }

    /** InvalidPasswordException with Cognito's message for the first rule the password breaks. */
    static void check(String password) {
        if (password.length() < MIN_LENGTH) {
            throw refused("Password not long enough");
        }
        if (password.chars().noneMatch(c -> c >= 'A' && c <= 'Z')) {
            throw refused("Password must have uppercase characters");
        }
        if (password.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            throw refused("Password must have lowercase characters");
        }
        if (password.chars().noneMatch(c -> c >= '0' && c <= '9')) {
            throw refused("Password must have numeric characters");
        }
        if (password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
            throw refused("Password must have symbol characters");
        }
    }

    private static AwsJsonError refused(String reason) {
        return new AwsJsonError("InvalidPasswordException", "Password did not conform with policy: " + reason);
    }
}
