package dev.gatehouse.emulator.server;

import dev.gatehouse.emulator.http.IncomingRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's log lines as recorded: the request's secrets (signature, session token, cookies) masked wherever the
 * function printed them, e.g. when it logs its whole event.
 */
final class FunctionLogs {
    private static final Pattern SIGNATURE = Pattern.compile("(?i)((?:X-Amz-)?Signature=)[0-9a-f]{16,}");
    private static final Pattern QUERY_VALUE = Pattern.compile("(?i)X-Amz-(?:Signature|Security-Token)=([^&\\s\"']+)");

    private FunctionLogs() {
    }

    static List<String> mask(List<String> lines, IncomingRequest request) {
        if (lines.isEmpty()) {
            return lines;
        }
        List<String> secrets = secretsOf(request);
        List<String> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            String masked = line;
            for (String secret : secrets) {
                masked = masked.replace(secret, RequestMasking.MASK);
            }
            out.add(SIGNATURE.matcher(masked).replaceAll("$1" + RequestMasking.MASK));
        }
        return out;
    }

    private static List<String> secretsOf(IncomingRequest request) {
        List<String> secrets = new ArrayList<>();
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("x-amz-security-token")) {
                addSecret(secrets, h.getValue().trim());
            } else if (name.equals("cookie")) {
                for (String cookie : h.getValue().split(";")) {
                    int eq = cookie.indexOf('=');
                    if (eq >= 0) {
                        addSecret(secrets, cookie.substring(eq + 1).trim());
                    }
                }
            }
        }
        if (request.rawQuery() != null) {
            Matcher m = QUERY_VALUE.matcher(request.rawQuery());
            while (m.find()) {
                addSecret(secrets, m.group(1));
                addSecret(secrets, java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return secrets;
    }

    private static void addSecret(List<String> secrets, String value) {
        if (value.length() >= 8) {
            secrets.add(value);
        }
    }
}
