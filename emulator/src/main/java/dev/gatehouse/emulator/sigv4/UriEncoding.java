package dev.gatehouse.emulator.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding as SigV4 uses it: only {@code A-Za-z0-9-_.~} stay as they are. */
final class UriEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = 'A'; c <= 'Z'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        UNRESERVED['-'] = true;
        UNRESERVED['_'] = true;
        UNRESERVED['.'] = true;
        UNRESERVED['~'] = true;
    }

    private UriEncoding() {
    }

    static boolean unreserved(char c) {
        return c < 128 && UNRESERVED[c];
    }

    /** Percent-encodes every character but the unreserved ones (and {@code /} when {@code keepSlash}), as UTF-8. */
    static void encode(CharSequence s, int from, int to, boolean keepSlash, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (unreserved(c) || (keepSlash && c == '/')) {
                out.append(c);
            } else if (c < 128) {
                appendByte(out, c);
            } else {
                int end = i + 1;
                if (Character.isHighSurrogate(c) && end < to && Character.isLowSurrogate(s.charAt(end))) {
                    end++;
                }
                for (byte b : s.subSequence(i, end).toString().getBytes(StandardCharsets.UTF_8)) {
                    appendByte(out, b & 0xFF);
                }
                i = end - 1;
            }
        }
    }

    static String encode(String s) {
        if (isUnreservedOnly(s, 0, s.length())) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        encode(s, 0, s.length(), false, out);
        return out.toString();
    }

    static boolean isUnreservedOnly(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!unreserved(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Percent-decodes (RFC 3986, so {@code +} stays {@code +}) as UTF-8. A {@code %} not followed by two hex digits is
     * kept literally, as a lenient server would.
     */
    static String decode(String s, int from, int to) {
        int pct = s.indexOf('%', from);
        if (pct < 0 || pct >= to) {
            return s.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < to && hexValue(s.charAt(i + 1)) >= 0 && hexValue(s.charAt(i + 2)) >= 0) {
                bytes.write(hexValue(s.charAt(i + 1)) * 16 + hexValue(s.charAt(i + 2)));
                i += 2;
            } else if (c < 128) {
                bytes.write(c);
            } else {
                int end = i + 1;
                if (Character.isHighSurrogate(c) && end < to && Character.isLowSurrogate(s.charAt(end))) {
                    end++;
                }
                bytes.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }
}
