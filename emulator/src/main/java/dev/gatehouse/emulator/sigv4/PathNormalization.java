package dev.gatehouse.emulator.sigv4;

import java.util.ArrayList;
import java.util.List;

/** RFC 3986 dot-segment removal plus collapsing of empty segments ({@code //}), as SigV4 normalizes paths. */
final class PathNormalization {

    private PathNormalization() {
    }

    static String normalize(String path) {
        if (!needsNormalization(path)) {
            return path;
        }
        List<String> segments = new ArrayList<>();
        int start = path.startsWith("/") ? 1 : 0;
        // As the AWS SDKs (Java, botocore) sign: a trailing slash only when the path as sent ends with one, so
        // "/a/." and "/a/b/.." are "/a", not "/a/".
        boolean trailingSlash = path.endsWith("/");
        while (start <= path.length()) {
            int slash = path.indexOf('/', start);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(start, end);
            boolean last = slash < 0;
            if (segment.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
            if (last) {
                break;
            }
            start = end + 1;
        }
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : segments) {
            out.append('/').append(segment);
        }
        if (trailingSlash || out.length() == 0) {
            out.append('/');
        }
        return out.toString();
    }

    /** Fast check for the common case: no {@code //}, no {@code .} or {@code ..} segment. */
    private static boolean needsNormalization(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return true;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/' && i + 1 < path.length() && path.charAt(i + 1) == '/') {
                return true;
            }
            if (c == '.' && path.charAt(i - 1) == '/') {
                int next = i + 1;
                if (next == path.length() || path.charAt(next) == '/') {
                    return true;
                }
                if (path.charAt(next) == '.' && (next + 1 == path.length() || path.charAt(next + 1) == '/')) {
                    return true;
                }
            }
        }
        return false;
    }
}
