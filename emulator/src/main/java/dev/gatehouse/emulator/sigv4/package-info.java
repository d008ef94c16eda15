/**
 * The server side of AWS Signature Version 4, as API Gateway ({@code execute-api}) and the other non-S3 services check
 * it: {@link dev.gatehouse.emulator.sigv4.SigV4Verifier#verify} turns an
 * {@link dev.gatehouse.emulator.http.IncomingRequest} into a {@link dev.gatehouse.emulator.sigv4.Verdict}: the
 * credentials that signed it, or the refusal with AWS's error type and message plus a plain-words explanation.
 * Written from the canonical-request rules, not with the SDK signer (which cannot verify curl's requests).
 */
package dev.gatehouse.emulator.sigv4;
