package dev.gatehouse.emulator.iam;

import java.util.List;

/** The context keys a policy can read for one caller: those of its identity pool identity, if it has one. */
record RequestContext(CognitoIdentity identity) {

    /** The single value of a policy variable, or null when the caller has none. */
    String variable(String key) {
        if (identity == null) {
            return null;
        }
        return switch (key) {
            case PolicyPattern.SUB -> identity.identityId();
            case PolicyPattern.AUD -> identity.identityPoolId();
            default -> null;
        };
    }

    /** The values of a condition key; empty when the caller has none. */
    List<String> values(String key) {
        if (identity == null) {
            return List.of();
        }
        if (key.equals(PolicyCondition.AMR)) {
            return identity.amr();
        }
        String value = variable(key);
        return value == null ? List.of() : List.of(value);
    }
}
