package dev.gatehouse.emulator.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.sigv4.Verdict;

import java.util.regex.Pattern;

/**
 * A refused signature's diagnostics as recorded and logged: what Gatehouse expected and what the client declared,
 * with the session token's value masked (a canonical request carries it when it was signed).
 */
final class Diagnostics {
    private static final Pattern TOKEN_LINE = Pattern.compile("(?im)^(x-amz-security-token:).*$");
    private static final Pattern TOKEN_QUERY = Pattern.compile("(?i)(X-Amz-Security-Token=)[^&\\s']*");
    /** AWS's messages for a malformed Authorization header echo it: {@code ... Authorization=<value>}. */
    private static final Pattern AUTHORIZATION_ECHO = Pattern.compile("(Authorization=)(.*)$", Pattern.DOTALL);
    private static final Pattern AUTHORIZATION_QUOTED = Pattern.compile("(in Authorization header: ')(.*)('\\.)$",
            Pattern.DOTALL);

    private Diagnostics() {
    }

    static JsonNode of(Verdict.Refused refused) {
        ObjectNode n = AwsJsonEndpoint.JSON.createObjectNode();
        n.put("reason", refused.reason().name());
        n.put("errorType", refused.errorType());
        n.put("awsMessage", mask(refused.awsMessage()));
        n.put("explanation", refused.explanation());
        if (refused.declared() != null) {
            var d = refused.declared();
            ObjectNode declared = n.putObject("declared");
            declared.put("location", String.valueOf(d.location()));
            declared.put("accessKeyId", d.accessKeyId());
            declared.put("credentialScope", d.credentialScope());
            declared.put("requestDate", d.requestDate());
            declared.set("signedHeaders", AwsJsonEndpoint.JSON.valueToTree(d.signedHeaders()));
        }
        if (refused.canonicalRequest() != null) {
            n.put("expectedCanonicalRequest", mask(refused.canonicalRequest()));
            n.put("expectedStringToSign", refused.stringToSign());
        }
        if (refused.client() != null) {
            n.put("clientCanonicalRequest", mask(refused.client().canonicalRequest()));
            n.put("clientStringToSign", refused.client().stringToSign());
            n.put("clientSignatureMatches", refused.client().signatureMatches());
        }
        return n;
    }

    /** The text with every session token value replaced by {@code ****}. */
    static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = TOKEN_LINE.matcher(text).replaceAll("$1" + RequestMasking.MASK);
        masked = TOKEN_QUERY.matcher(masked).replaceAll("$1" + RequestMasking.MASK);
        java.util.regex.Matcher echo = AUTHORIZATION_QUOTED.matcher(masked);
        if (echo.find()) {
            return masked.substring(0, echo.start(2)) + RequestMasking.maskAuthorization(echo.group(2))
                    + echo.group(3);
        }
        echo = AUTHORIZATION_ECHO.matcher(masked);
        if (echo.find()) {
            return masked.substring(0, echo.start(2)) + RequestMasking.maskAuthorization(echo.group(2));
        }
        return masked;
    }
}
