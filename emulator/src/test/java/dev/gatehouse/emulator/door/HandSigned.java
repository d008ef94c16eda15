package dev.gatehouse.emulator.door;

import dev.gatehouse.emulator.client.SignIn;
import dev.gatehouse.emulator.sigv4.HandSigner;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SigV4 by hand ({@link HandSigner}'s primitives), for the signatures no SDK makes: {@code SignedHeaders=:authority}
 * over HTTP/1.1, a presigned URL without {@code X-Amz-Expires}. Each is a correct signature of what it declares (the
 * server computes the same).
 */
final class HandSigned {
    private HandSigned() {
    }

    /** A GET whose header signature covers {@code :authority} (empty over HTTP/1.1) instead of {@code host}. */
    static List<String> authorityOnlyHeaders(SignIn.IdentityCredentials c, String path) {
        String amzDate = HandSigner.amzDate(Instant.now());
        String signedHeaders = ":authority;x-amz-date;x-amz-security-token";
        String canonical = "GET\n" + path + "\n\n:authority:\nx-amz-date:" + amzDate + "\nx-amz-security-token:"
                + c.sessionToken() + "\n\n" + signedHeaders + "\n" + HandSigner.EMPTY_SHA256;
        String scope = amzDate.substring(0, 8) + "/us-east-1/execute-api/aws4_request";
        String signature = HandSigner.signature(c.secretAccessKey(), amzDate, scope, canonical);
        List<String> headers = new ArrayList<>();
        headers.add("X-Amz-Date: " + amzDate);
        headers.add("X-Amz-Security-Token: " + c.sessionToken());
        headers.add("Authorization: AWS4-HMAC-SHA256 Credential=" + c.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return headers;
    }

    /** The path and query of a presigned GET (host signed) with no {@code X-Amz-Expires}. */
    static String presignedWithoutExpires(SignIn.IdentityCredentials c, String host, String path) {
        String amzDate = HandSigner.amzDate(Instant.now());
        String scope = amzDate.substring(0, 8) + "/us-east-1/execute-api/aws4_request";
        Map<String, String> query = new TreeMap<>();
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", c.accessKeyId() + "/" + scope);
        query.put("X-Amz-Date", amzDate);
        query.put("X-Amz-Security-Token", c.sessionToken());
        query.put("X-Amz-SignedHeaders", "host");
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? "" : "&").append(k).append('=').append(encode(v)));
        String canonical = "GET\n" + path + "\n" + q + "\nhost:" + host + "\n\nhost\n" + HandSigner.EMPTY_SHA256;
        String signature = HandSigner.signature(c.secretAccessKey(), amzDate, scope, canonical);
        return path + "?" + q + "&X-Amz-Signature=" + signature;
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
