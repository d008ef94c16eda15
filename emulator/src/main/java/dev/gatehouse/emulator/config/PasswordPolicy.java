package dev.gatehouse.emulator.config;

import java.util.regex.Pattern;

/** Cognito's default password policy, as configured test users must meet it too. */
final class PasswordPolicy {
    static final Pattern PATTERN = Pattern.compile(
            "(?=.*[a-z])(?=.*[A-Z])(?=.*\\d)(?=.*[\\^$*.\\[\\]{}()?\"!@#%&/\\\\,><':;|_~`=+\\-]).{8,256}");
    static final String DESCRIPTION = "a password of at least 8 characters with an upper-case letter, a lower-case "
            + "letter, a digit and a symbol (Cognito's default policy)";

    private PasswordPolicy() {
    }
}
