package dev.gatehouse.emulator.hardening;

import software.amazon.awssdk.utils.http.SdkHttpUtils;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes to a validly signed request. Every {@link Kind} but the {@linkplain Kind#equivalent() equivalent} ones
 * changes what was signed (method, canonical URI, canonical query, a signed header, the body, the date, the scope),
 * the signature, or the keys named: a forgery that must be refused. The equivalent kinds change only what SigV4 does
 * not sign or normalizes away (a header name's case, an unsigned header, the query's order, a run of spaces in a
 * header value), so the request is still valid and must still be accepted.
 */
final class Forgeries {

    enum Kind {
        METHOD, PATH_BYTE, PATH_SEGMENT, PATH_TRAILING_SLASH, QUERY_BYTE, QUERY_ADD, QUERY_REMOVE,
        HEADER_VALUE_BYTE, HEADER_REMOVE, HEADER_DUPLICATE, HEADER_RENAME, BODY_BYTE, BODY_APPEND, BODY_TRUNCATE,
        DATE, SCOPE_DATE, SCOPE_REGION, SCOPE_SERVICE, SCOPE_TERMINATOR, SIGNATURE_HEX, SIGNATURE_LENGTH,
        ACCESS_KEY_BYTE, ACCESS_KEY_SWAP, TOKEN_BYTE, TOKEN_DROP_OR_ADD, TOKEN_SWAP, SIGNED_HEADERS_DROP,
        SIGNED_HEADERS_ADD, ALGORITHM,
        // Still valid:
        HEADER_NAME_CASE, UNSIGNED_HEADER_ADD, QUERY_REORDER, HEADER_VALUE_SPACES;

        boolean equivalent() {
            return ordinal() >= HEADER_NAME_CASE.ordinal();
        }

        static final List<Kind> FORGING = Arrays.stream(values()).filter(k -> !k.equivalent()).toList();
        static final List<Kind> EQUIVALENT = Arrays.stream(values()).filter(Kind::equivalent).toList();
    }

    /** A changed request; {@code kind} is what was actually done (a kind that does not apply falls back). */
    record Mutation(Kind kind, WireRequest request) {
    }

    private static final Pattern AUTHORIZATION =
            Pattern.compile("^(\\S+) Credential=([^,]+), SignedHeaders=([^,]+), Signature=(\\S+)$");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String HEX = "0123456789abcdef";
    private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE", "PATCH"};

    private final Random random;
    private final List<SignedRequests.Key> otherKeys;

    /** @param otherKeys valid keys of other callers, for swaps */
    Forgeries(Random random, List<SignedRequests.Key> otherKeys) {
        this.random = random;
        this.otherKeys = otherKeys;
    }

    Mutation forge(SignedRequests.Signed s) {
        return apply(s, Kind.FORGING.get(random.nextInt(Kind.FORGING.size())));
    }

    Mutation equivalent(SignedRequests.Signed s) {
        return apply(s, Kind.EQUIVALENT.get(random.nextInt(Kind.EQUIVALENT.size())));
    }

    Mutation apply(SignedRequests.Signed s, Kind kind) {
        WireRequest w = s.wire().copy();
        Auth auth = new Auth(w, s.presigned());
        switch (kind) {
            case METHOD -> {
                String m;
                do {
                    m = METHODS[random.nextInt(METHODS.length)];
                } while (m.equals(w.method));
                w.method = m;
            }
            case PATH_BYTE -> {
                int i = alnumPosition(w.rawPath);
                if (i < 0) {
                    return apply(s, Kind.PATH_SEGMENT);
                }
                w.rawPath = replaceAt(w.rawPath, i, otherThan(w.rawPath.charAt(i), ALNUM));
            }
            case PATH_SEGMENT -> {
                List<Integer> slashes = positions(w.rawPath, '/');
                int at = slashes.get(random.nextInt(slashes.size()));
                w.rawPath = w.rawPath.substring(0, at) + "/x" + word(3) + w.rawPath.substring(at);
            }
            case PATH_TRAILING_SLASH -> {
                if (w.rawPath.replace("/", "").replace(".", "").isEmpty()) {
                    return apply(s, Kind.PATH_SEGMENT); // "/", "/." and "/./" are all the root
                }
                w.rawPath = w.rawPath.endsWith("/") ? w.rawPath.substring(0, w.rawPath.length() - 1) : w.rawPath + "/";
            }
            case QUERY_BYTE -> {
                String q = w.rawQuery();
                int i = q == null ? -1 : alnumPosition(q);
                if (i < 0) {
                    return apply(s, Kind.QUERY_ADD);
                }
                String changed = replaceAt(q, i, otherThan(q.charAt(i), ALNUM));
                w.query = new WireRequest("GET", "/", changed, List.of(), new byte[0]).query;
            }
            case QUERY_ADD -> {
                if (w.query == null) {
                    w.query = new ArrayList<>();
                }
                w.query.add(new String[] {"zq" + word(4), word(random.nextInt(5))});
            }
            case QUERY_REMOVE -> {
                if (w.query == null || w.query.isEmpty()) {
                    return apply(s, Kind.QUERY_ADD);
                }
                w.query.remove(random.nextInt(w.query.size()));
            }
            case HEADER_VALUE_BYTE -> {
                String[] h = signedHeaderLine(w, auth);
                int i = nonSpacePosition(h[1]);
                h[1] = replaceAt(h[1], i, otherThan(h[1].charAt(i), printable()));
            }
            case HEADER_REMOVE -> w.removeHeader(signedHeaderLine(w, auth)[0]);
            case HEADER_DUPLICATE -> w.headers.add(new String[] {signedHeaderLine(w, auth)[0], "d" + word(5)});
            case HEADER_RENAME -> {
                String[] h = signedHeaderLine(w, auth);
                int i;
                do {
                    i = random.nextInt(h[0].length());
                } while (!Character.isLetter(h[0].charAt(i)));
                char c = Character.toLowerCase(h[0].charAt(i));
                h[0] = replaceAt(h[0], i, otherThan(c, "abcdefghijklmnopqrstuvwxyz"));
            }
            case BODY_BYTE -> {
                if (w.body.length == 0) {
                    return apply(s, Kind.BODY_APPEND);
                }
                w.body[random.nextInt(w.body.length)] ^= (byte) (1 + random.nextInt(255));
            }
            case BODY_APPEND -> {
                w.body = Arrays.copyOf(w.body, w.body.length + 1 + random.nextInt(3));
                w.body[w.body.length - 1] = (byte) random.nextInt(256);
            }
            case BODY_TRUNCATE -> {
                if (w.body.length == 0) {
                    return apply(s, Kind.BODY_APPEND);
                }
                w.body = Arrays.copyOf(w.body, random.nextInt(w.body.length));
            }
            case DATE -> {
                LocalDateTime t = LocalDateTime.parse(auth.get(Field.DATE), AMZ_DATE);
                int shift = (1 + random.nextInt(120)) * (random.nextBoolean() ? 1 : -1);
                auth.set(Field.DATE, AMZ_DATE.format(t.plusSeconds(shift)));
            }
            case SCOPE_DATE -> scope(auth, 1, d -> LocalDate.parse(d, DateTimeFormatter.BASIC_ISO_DATE)
                    .plusDays(random.nextBoolean() ? 1 : -1).format(DateTimeFormatter.BASIC_ISO_DATE));
            case SCOPE_REGION -> scope(auth, 2, r -> pick("us-east-2", "eu-west-1", "us-west-1", "US-EAST-1"));
            case SCOPE_SERVICE -> scope(auth, 3, v -> pick("execute-apj", "lambda", "cognito-idp", "apigateway"));
            case SCOPE_TERMINATOR -> scope(auth, 4, v -> pick("aws4_requesu", "aws4_request2", "aws3_request"));
            case SIGNATURE_HEX -> {
                String sig = auth.get(Field.SIGNATURE);
                int i = random.nextInt(sig.length());
                auth.set(Field.SIGNATURE, replaceAt(sig, i, otherThan(sig.charAt(i), HEX)));
            }
            case SIGNATURE_LENGTH -> {
                String sig = auth.get(Field.SIGNATURE);
                auth.set(Field.SIGNATURE, random.nextBoolean() ? sig.substring(0, sig.length() - 1 - random.nextInt(8))
                        : sig + HEX.charAt(random.nextInt(16)));
            }
            case ACCESS_KEY_BYTE -> scope(auth, 0, k -> {
                int i = random.nextInt(k.length());
                return replaceAt(k, i, otherThan(k.charAt(i), "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"));
            });
            case ACCESS_KEY_SWAP -> scope(auth, 0, k -> otherKey(s.key()).accessKeyId());
            case TOKEN_BYTE -> {
                String token = auth.get(Field.TOKEN);
                if (token == null) {
                    return apply(s, Kind.TOKEN_DROP_OR_ADD);
                }
                int i = alnumPosition(token);
                auth.set(Field.TOKEN, replaceAt(token, i, otherThan(token.charAt(i), ALNUM)));
            }
            case TOKEN_DROP_OR_ADD -> auth.set(Field.TOKEN, auth.get(Field.TOKEN) == null
                    ? otherKeys.stream().filter(k -> k.sessionToken() != null).findFirst().orElseThrow().sessionToken()
                    : null);
            case TOKEN_SWAP -> {
                SignedRequests.Key other = otherKeys.stream()
                        .filter(k -> k.sessionToken() != null && !k.equals(s.key())).findFirst().orElseThrow();
                auth.set(Field.TOKEN, other.sessionToken());
            }
            case SIGNED_HEADERS_DROP -> {
                List<String> names = new ArrayList<>(List.of(auth.get(Field.SIGNED_HEADERS).split(";")));
                names.remove(random.nextInt(names.size()));
                auth.set(Field.SIGNED_HEADERS, String.join(";", names));
            }
            case SIGNED_HEADERS_ADD -> {
                List<String> names = new ArrayList<>(List.of(auth.get(Field.SIGNED_HEADERS).split(";")));
                String extra = "x-added-" + word(3);
                w.headers.add(new String[] {extra, word(6)});
                names.add(extra);
                Collections.sort(names);
                auth.set(Field.SIGNED_HEADERS, String.join(";", names));
            }
            case ALGORITHM -> auth.set(Field.ALGORITHM, pick("AWS4-HMAC-SHA512", "AWS4-ECDSA-P256-SHA256",
                    "AWS4-HMAC-SHA1", "aws4-hmac-sha256"));
            case HEADER_NAME_CASE -> {
                String[] h = signedHeaderLine(w, auth);
                h[0] = h[0].equals(h[0].toUpperCase(Locale.ROOT)) ? h[0].toLowerCase(Locale.ROOT)
                        : h[0].toUpperCase(Locale.ROOT);
            }
            case UNSIGNED_HEADER_ADD -> w.headers.add(new String[] {"x-trace-" + word(4), word(12)});
            case QUERY_REORDER -> {
                if (w.query == null || w.query.size() < 2) {
                    return apply(s, Kind.UNSIGNED_HEADER_ADD);
                }
                Collections.reverse(w.query);
            }
            case HEADER_VALUE_SPACES -> {
                String[] spaced = w.headers.stream()
                        .filter(h -> auth.signedHeaders().contains(h[0].toLowerCase(Locale.ROOT)))
                        .filter(h -> h[1].indexOf(' ') > 0).findFirst().orElse(null);
                if (spaced == null) {
                    return apply(s, Kind.HEADER_NAME_CASE);
                }
                int at = spaced[1].indexOf(' ');
                spaced[1] = spaced[1].substring(0, at) + "   " + spaced[1].substring(at);
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
        return new Mutation(kind, w);
    }

    private void scope(Auth auth, int part, java.util.function.UnaryOperator<String> change) {
        String[] parts = auth.get(Field.CREDENTIAL).split("/", -1);
        String changed;
        do {
            changed = change.apply(parts[part]);
        } while (changed.equals(parts[part]));
        parts[part] = changed;
        auth.set(Field.CREDENTIAL, String.join("/", parts));
    }

    private SignedRequests.Key otherKey(SignedRequests.Key mine) {
        List<SignedRequests.Key> others = otherKeys.stream().filter(k -> !k.equals(mine)).toList();
        return others.get(random.nextInt(others.size()));
    }

    /** A header line whose name is in SignedHeaders (never the Authorization header itself). */
    private String[] signedHeaderLine(WireRequest w, Auth auth) {
        List<String[]> signed = w.headers.stream()
                .filter(h -> auth.signedHeaders().contains(h[0].toLowerCase(Locale.ROOT))).toList();
        return signed.get(random.nextInt(signed.size()));
    }

    /** A position of a letter or digit that is not part of a %XX escape, or -1. */
    private int alnumPosition(String s) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            boolean escaped = i >= 1 && s.charAt(i - 1) == '%' || i >= 2 && s.charAt(i - 2) == '%';
            if (!escaped && Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128) {
                candidates.add(i);
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
    }

    private int nonSpacePosition(String s) {
        int i;
        do {
            i = random.nextInt(s.length());
        } while (s.charAt(i) == ' ');
        return i;
    }

    private static List<Integer> positions(String s, char c) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                list.add(i);
            }
        }
        return list;
    }

    private char otherThan(char c, String alphabet) {
        char r;
        do {
            r = alphabet.charAt(random.nextInt(alphabet.length()));
        } while (r == c);
        return r;
    }

    private static String printable() {
        StringBuilder s = new StringBuilder();
        for (char c = 0x21; c < 0x7f; c++) {
            s.append(c);
        }
        return s.toString();
    }

    private static String replaceAt(String s, int i, char c) {
        return s.substring(0, i) + c + s.substring(i + 1);
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private String word(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return s.toString();
    }

    enum Field { ALGORITHM, CREDENTIAL, SIGNED_HEADERS, SIGNATURE, DATE, TOKEN }

    /** The SigV4 fields of a request, in the Authorization header or (presigned) in the query. */
    static final class Auth {
        private final WireRequest w;
        private final boolean presigned;

        Auth(WireRequest w, boolean presigned) {
            this.w = w;
            this.presigned = presigned;
        }

        List<String> signedHeaders() {
            return List.of(get(Field.SIGNED_HEADERS).split(";"));
        }

        String get(Field f) {
            if (presigned) {
                String v = w.queryValue(queryName(f));
                return v == null ? null : SdkHttpUtils.urlDecode(v);
            }
            return switch (f) {
                case DATE -> w.header("X-Amz-Date");
                case TOKEN -> w.header("X-Amz-Security-Token");
                default -> authorization().group(f.ordinal() + 1);
            };
        }

        void set(Field f, String value) {
            if (presigned) {
                if (value == null) {
                    w.query.removeIf(p -> p[0].equals(queryName(f)));
                } else {
                    w.setQueryValue(queryName(f), SdkHttpUtils.urlEncode(value));
                }
                return;
            }
            switch (f) {
                case DATE -> w.setHeader("X-Amz-Date", value);
                case TOKEN -> {
                    if (value == null) {
                        w.removeHeader("X-Amz-Security-Token");
                    } else {
                        w.setHeader("X-Amz-Security-Token", value);
                    }
                }
                default -> {
                    Matcher m = authorization();
                    String[] parts = {m.group(1), m.group(2), m.group(3), m.group(4)};
                    parts[f.ordinal()] = value;
                    w.setHeader("Authorization", parts[0] + " Credential=" + parts[1] + ", SignedHeaders=" + parts[2]
                            + ", Signature=" + parts[3]);
                }
            }
        }

        private Matcher authorization() {
            Matcher m = AUTHORIZATION.matcher(w.header("Authorization"));
            if (!m.matches()) {
                throw new IllegalStateException("unexpected Authorization header: " + w.header("Authorization"));
            }
            return m;
        }

        private static String queryName(Field f) {
            return switch (f) {
                case ALGORITHM -> "X-Amz-Algorithm";
                case CREDENTIAL -> "X-Amz-Credential";
                case SIGNED_HEADERS -> "X-Amz-SignedHeaders";
                case SIGNATURE -> "X-Amz-Signature";
                case DATE -> "X-Amz-Date";
                case TOKEN -> "X-Amz-Security-Token";
            };
        }
    }
}
