package dev.gatehouse.emulator.iam;

/**
 * The outcome of evaluating a policy for one request.
 *
 * @param statementIndex the statement that decided (the first matching Deny, or the first matching Allow), or -1 for
 *                       an implicit deny
 */
public record PolicyDecision(Verdict verdict, int statementIndex) {

    public enum Verdict { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    public boolean allowed() {
        return verdict == Verdict.ALLOW;
    }

    /**
     * IAM's wording of a denial (REST APIs put it in the 403 body; HTTP APIs answer only "Forbidden", so Gatehouse
     * uses it as a diagnostic). Null when the request is allowed.
     */
    public String message(String principalArn, String action, String resourceArn) {
        String head = "User: " + principalArn + " is not authorized to perform: " + action + " on resource: "
                + resourceArn;
        return switch (verdict) {
            case ALLOW -> null;
            case EXPLICIT_DENY -> head + " with an explicit deny";
            case IMPLICIT_DENY -> head + " because no identity-based policy allows the " + action + " action";
        };
    }
}
