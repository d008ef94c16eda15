package dev.gatehouse.emulator.apigateway;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code queryStringParameters}: names and values decoded ({@code +} is a space), repeated names joined with {@code ,}. */
final class QueryString {

    private QueryString() {
    }

    static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        multiValue(rawQuery).forEach((name, values) -> parameters.put(name, String.join(",", values)));
        return parameters;
    }

    /** Every value of each name, in order: payload 1.0's {@code multiValueQueryStringParameters}. */
    static Map<String, List<String>> multiValue(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
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
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return parameters;
    }
}
