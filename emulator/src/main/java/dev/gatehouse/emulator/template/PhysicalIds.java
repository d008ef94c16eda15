package dev.gatehouse.emulator.template;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The names and ids CloudFormation would give resources, made deterministic from the stack name and the logical id:
 * the same template gives the same ids on every start, so identities, users and data in a {@code --data-dir} stay
 * tied to them.
 */
final class PhysicalIds {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String stackName;

    PhysicalIds(String stackName) {
        this.stackName = stackName;
    }

    /** {@code <stack>-<LogicalId>-<12 capitals or digits>}, as CloudFormation names unnamed resources. */
    String generatedName(String logicalId, int maxLength) {
        String suffix = chars(logicalId, "name", 12, UPPER);
        String base = stackName + "-" + logicalId;
        int room = maxLength - suffix.length() - 1;
        return (base.length() > room ? base.substring(0, room) : base) + "-" + suffix;
    }

    /** An API Gateway id: 10 lower-case letters or digits. */
    String apiId(String logicalId) {
        return chars(logicalId, "api", 10, LOWER);
    }

    /** A route or integration id: 7 lower-case letters or digits. */
    String shortId(String logicalId) {
        return chars(logicalId, "short", 7, LOWER);
    }

    /** {@code <region>_<9 letters or digits>} */
    String userPoolId(String region, String logicalId) {
        return region + "_" + chars(logicalId, "pool", 9, MIXED);
    }

    /** 26 lower-case letters or digits. */
    String clientId(String logicalId) {
        return chars(logicalId, "client", 26, LOWER);
    }

    /** {@code <region>:<uuid>} */
    String identityPoolId(String region, String logicalId) {
        byte[] h = hash(logicalId, "identity-pool");
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            hex.append(String.format("%02x", h[i]));
        }
        String u = hex.toString();
        return region + ":" + u.substring(0, 8) + "-" + u.substring(8, 12) + "-4" + u.substring(13, 16) + "-a"
                + u.substring(17, 20) + "-" + u.substring(20, 32);
    }

    /** {@code AROA} + 17 capitals or digits. */
    String roleId(String logicalId) {
        return "AROA" + chars(logicalId, "role", 17, UPPER);
    }

    private String chars(String logicalId, String kind, int n, String alphabet) {
        byte[] h = hash(logicalId, kind);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(alphabet.charAt((h[i] & 0xff) % alphabet.length()));
        }
        return out.toString();
    }

    private byte[] hash(String logicalId, String kind) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((stackName + "/" + logicalId + "/" + kind)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
