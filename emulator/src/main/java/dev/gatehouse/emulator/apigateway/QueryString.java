package dev.gatehouse.emulator.apigateway;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code queryStringParameters}: names and values decoded ({@code +} is a space), repeated names joined with {@code ,}. */
final class QueryString {

    private QueryString() {
    }

    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = PercentDecoding.query(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : PercentDecoding.query(pair.substring(eq + 1));
            if (!name.isEmpty()) {
                parameters.merge(name, value, (a, b) -> a + "," + b);
            }
        }
        return parameters;
    }
}
