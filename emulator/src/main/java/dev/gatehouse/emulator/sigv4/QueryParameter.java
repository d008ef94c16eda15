package dev.gatehouse.emulator.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * One query parameter: its decoded name and value and their SigV4 encodings (RFC 3986, spaces as {@code %20}).
 * A parameter without {@code =} has an empty value; empty parts ({@code a=1&&b=2}) are skipped.
 */
record QueryParameter(String name, String value, String encodedName, String encodedValue) {

    static final String SIGNATURE = "X-Amz-Signature";
    static final String SECURITY_TOKEN = "X-Amz-Security-Token";

    static List<QueryParameter> parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return List.of();
        }
        List<QueryParameter> params = new ArrayList<>(4);
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? length : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                String name = UriEncoding.decode(rawQuery, start, nameEnd);
                String value = nameEnd == end ? "" : UriEncoding.decode(rawQuery, nameEnd + 1, end);
                params.add(new QueryParameter(name, value, UriEncoding.encode(name), UriEncoding.encode(value)));
            }
            start = end + 1;
        }
        return params;
    }

    /** The first value of a parameter, by exact name, or null. */
    static String first(List<QueryParameter> params, String name) {
        for (QueryParameter p : params) {
            if (p.name.equals(name)) {
                return p.value;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        // May carry a session token: print the name only.
        return "QueryParameter[" + name + "]";
    }
}
