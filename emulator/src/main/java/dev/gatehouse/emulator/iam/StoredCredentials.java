package dev.gatehouse.emulator.iam;

import java.time.Instant;

/** The on-disk form of one set of temporary credentials (a flat record, so the file stays readable). */
record StoredCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                         String accountId, String roleName, String roleId, String identityId, String identityPoolId,
                         String providerName, String userPoolSub) {

    static StoredCredentials of(Credentials credentials) {
        Principal.AssumedRole role = (Principal.AssumedRole) credentials.principal();
        CognitoIdentity identity = role.identity();
        return new StoredCredentials(credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken(), credentials.expiration(), role.accountId(), role.roleName(),
                role.roleId(), identity == null ? null : identity.identityId(),
                identity == null ? null : identity.identityPoolId(),
                identity == null ? null : identity.providerName(), identity == null ? null : identity.userPoolSub());
    }

    Credentials toCredentials() {
        CognitoIdentity identity = identityId == null ? null
                : new CognitoIdentity(identityId, identityPoolId, providerName, userPoolSub);
        return new Credentials(accessKeyId, secretAccessKey, sessionToken, expiration,
                new Principal.AssumedRole(accountId, roleName, roleId, identity));
    }

    @Override
    public String toString() {
        return "StoredCredentials[" + accessKeyId + ", " + roleName + ", " + identityId + ", " + expiration + "]";
    }
}
