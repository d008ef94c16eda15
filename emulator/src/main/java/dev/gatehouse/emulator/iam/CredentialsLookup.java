package dev.gatehouse.emulator.iam;

import java.util.Optional;

/** Finds the credentials behind an access key id: what a SigV4 verifier needs to check a signature. */
@FunctionalInterface
public interface CredentialsLookup {
    Optional<Credentials> find(String accessKeyId);
}
