package dev.gatehouse.emulator.awsjson;

import dev.gatehouse.emulator.iam.Credentials;

import java.util.Optional;

/**
 * What a service operation knows of the HTTP call that carried it.
 *
 * @param requestId the {@code x-amzn-RequestId} of the answer
 * @param signer    the credentials whose SigV4 signature was verified, or empty when the call was not signed
 *                  (a call with a signature that does not verify never reaches a service)
 * @param sourceIp  the caller's address
 */
public record AwsJsonCall(String requestId, Optional<Credentials> signer, String sourceIp) {
}
