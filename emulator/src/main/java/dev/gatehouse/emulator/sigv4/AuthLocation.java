package dev.gatehouse.emulator.sigv4;

/** Where a request carries its SigV4 signature. */
public enum AuthLocation {
    /** {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}. */
    HEADER,
    /** Presigned: {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, ... {@code X-Amz-Signature} in the query. */
    QUERY_STRING
}
