package dev.gatehouse.emulator.apigateway;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string literals. */
final class JsonText {

    private JsonText() {
    }

    static String quote(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
