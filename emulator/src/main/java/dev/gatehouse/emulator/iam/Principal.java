package dev.gatehouse.emulator.iam;

/** Who a set of credentials speaks for. */
public sealed interface Principal permits Principal.AssumedRole, Principal.IamUser {

    /** {@code arn:aws:sts::<account>:assumed-role/<role>/<session>} or {@code arn:aws:iam::<account>:user/<name>}. */
    String arn();

    /** IAM's unique id of the caller: {@code AROA...:<session>} or {@code AIDA...}. */
    String userId();

    String accountId();

    /** Temporary credentials of an identity pool role, session name {@code CognitoIdentityCredentials}. */
    record AssumedRole(String accountId, String roleName, String roleId, CognitoIdentity identity) implements Principal {
        public static final String SESSION_NAME = "CognitoIdentityCredentials";

        @Override
        public String arn() {
            return "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + SESSION_NAME;
        }

        @Override
        public String userId() {
            return roleId + ":" + SESSION_NAME;
        }
    }

    /** Long-term credentials of an IAM user (the developer's, fixed in the configuration). */
    record IamUser(String accountId, String userName, String iamUserId) implements Principal {
        @Override
        public String arn() {
            return "arn:aws:iam::" + accountId + ":user/" + userName;
        }

        @Override
        public String userId() {
            return iamUserId;
        }
    }
}
