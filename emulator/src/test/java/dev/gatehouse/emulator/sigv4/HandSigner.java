package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 by hand, written from the published rules (not the SDK's signer, not the verifier's code), for the signatures
 * no SDK makes: a client's mistakes (a path or query signed as sent, an empty body signed for a full one), a header
 * signature over {@code :authority}, a presigned URL valid for no time, a {@code Date} header. The client states the
 * canonical URI and query it signs; the request carries the path and query as sent.
 */
public final class HandSigner {

    public static final String EMPTY_SHA256 = sha256("");

    String method = "GET";
    /** Path and query as sent on the wire (query null when none). */
    String path = "/notes";
    String query;
    /** What the client put in its CanonicalRequest for the path and query (default: the path as sent, no query). */
    String canonicalUri;
    String canonicalQuery = "";
    /** The payload hash the client signed (not sent as x-amz-content-sha256 unless set as a header). */
    String payloadHash = EMPTY_SHA256;
    byte[] body = new byte[0];
    String protocol = "HTTP/1.1";
    Instant at = SdkSigning.NOW;
    Credentials credentials = SdkSigning.TEMPORARY;
    /** The secret the client signs with (default: the credentials' own). */
    String secret;
    /** Signed headers (name as sent → value), host, x-amz-date and x-amz-security-token added unless named here. */
    final Map<String, String> signed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    /** Signed headers the client signs but does not send (dropped on the way). */
    final List<String> notSent = new ArrayList<>();
    boolean signHost = true;

    /** The CanonicalRequest this client signed (after {@link #headerSigned()}). */
    String canonical;

    HandSigner() {
    }

    HandSigner sign(String name, String value) {
        signed.put(name, value);
        return this;
    }

    /** Signed in the Authorization header, with X-Amz-Date. */
    IncomingRequest headerSigned() {
        String amzDate = amzDate(at);
        String scope = amzDate.substring(0, 8) + "/us-east-1/execute-api/aws4_request";
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (signHost) {
            all.put("Host", SdkSigning.HOST);
        }
        all.put("X-Amz-Date", amzDate);
        if (credentials.sessionToken() != null) {
            all.put("X-Amz-Security-Token", credentials.sessionToken());
        }
        all.putAll(signed);
        TreeMap<String, String> lower = new TreeMap<>();
        all.forEach((name, value) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), value.trim()));
        StringBuilder headers = new StringBuilder();
        lower.forEach((name, value) -> headers.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", lower.keySet());
        canonical = method + "\n" + (canonicalUri == null ? path : canonicalUri) + "\n" + canonicalQuery + "\n"
                + headers + "\n" + signedHeaders + "\n" + payloadHash;
        String signature = signature(secret == null ? credentials.secretAccessKey() : secret, amzDate, scope, canonical);
        List<Map.Entry<String, String>> sent = new ArrayList<>();
        if (!signHost) {
            sent.add(Map.entry("Host", SdkSigning.HOST));
        }
        all.forEach((name, value) -> {
            if (!notSent.contains(name)) {
                sent.add(Map.entry(name, value));
            }
        });
        sent.add(Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature));
        return new IncomingRequest(method, path, query, sent, body, "127.0.0.1", protocol, at);
    }

    public static String amzDate(Instant at) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(at.atZone(ZoneOffset.UTC));
    }

    /** The signature of {@code canonical} in us-east-1/execute-api, signed at {@code amzDate} within {@code scope}. */
    public static String signature(String secret, String amzDate, String scope, String canonical) {
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256(canonical);
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), amzDate.substring(0, 8));
        for (String part : List.of("us-east-1", "execute-api", "aws4_request")) {
            key = hmac(key, part);
        }
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
