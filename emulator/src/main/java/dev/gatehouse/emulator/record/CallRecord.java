package dev.gatehouse.emulator.record;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened to one call: the request (secrets masked), the auth verdict and its reason, the event handed to the
 * handler, the response, timings.
 *
 * <p>The request, event, response and diagnostics are kept as JSON text, not as the trees they were given as: the call
 * log holds the last 2,000 calls, and as Jackson trees (a map entry, a node and a string per header or field) they were
 * the largest part of the live heap under load and most of what the collector copied and promoted (README,
 * Performance, memory). Each accessor parses its text into a new tree; the JSON of a record is unchanged. An API
 * call's request, event and response texts are written when the record is first read ({@link JsonText#later}): most
 * records are never read.
 *
 * @param kind       {@code api}, {@code cognito-idp}, {@code cognito-identity} or {@code gatehouse}
 * @param operation  the route key of an API call, or the awsJson operation
 * @param verdict    {@code accepted}, {@code refused} or {@code none} (no auth on the route / public operation)
 * @param reason     the machine reason of a refusal (e.g. {@code SIGNATURE_MISMATCH}), or null
 * @param explanation the plain-words cause of a refusal, or null
 * @param invoked    whether a handler ran
 * @param logs       the lines the function logged for this call (empty when it logged none or did not run)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE,
        creatorVisibility = JsonAutoDetect.Visibility.NONE)
@JsonPropertyOrder({"sequence", "requestId", "time", "kind", "method", "path", "operation", "verdict", "reason",
        "explanation", "errorType", "accessKeyId", "identityId", "user", "invoked", "status", "durationMs", "handlerMs",
        "request", "event", "response", "diagnostics", "logs"})
public final class CallRecord {
    private final long sequence;
    private final String requestId;
    private final Instant time;
    private final String kind;
    private final String method;
    private final String path;
    private final String operation;
    private final String verdict;
    private final String reason;
    private final String explanation;
    private final String errorType;
    private final String accessKeyId;
    private final String identityId;
    private final String user;
    private final boolean invoked;
    private final int status;
    private final double durationMs;
    private final double handlerMs;
    private final JsonText request;
    private final JsonText event;
    private final JsonText response;
    private final JsonText diagnostics;
    private final List<String> logs;

    public CallRecord(long sequence, String requestId, Instant time, String kind, String method, String path,
                      String operation, String verdict, String reason, String explanation, String errorType,
                      String accessKeyId, String identityId, String user, boolean invoked, int status,
                      double durationMs, double handlerMs, JsonNode request, JsonNode event, JsonNode response,
                      JsonNode diagnostics, List<String> logs) {
        this(sequence, requestId, time, kind, method, path, operation, verdict, reason, explanation, errorType,
                accessKeyId, identityId, user, invoked, status, durationMs, handlerMs, JsonText.of(request),
                JsonText.of(event), response, diagnostics, logs);
    }

    /**
     * A record whose request and event were written straight to JSON text ({@link JsonText#write}), without a tree in
     * between.
     */
    public CallRecord(long sequence, String requestId, Instant time, String kind, String method, String path,
                      String operation, String verdict, String reason, String explanation, String errorType,
                      String accessKeyId, String identityId, String user, boolean invoked, int status,
                      double durationMs, double handlerMs, JsonText request, JsonText event, JsonNode response,
                      JsonNode diagnostics, List<String> logs) {
        this(sequence, requestId, time, kind, method, path, operation, verdict, reason, explanation, errorType,
                accessKeyId, identityId, user, invoked, status, durationMs, handlerMs, request, event,
                JsonText.of(response), JsonText.of(diagnostics), logs);
    }

    /**
     * A record whose request, event, response and diagnostics are JSON texts, each written now ({@link JsonText#write})
     * or when first read ({@link JsonText#later}).
     */
    public CallRecord(long sequence, String requestId, Instant time, String kind, String method, String path,
                      String operation, String verdict, String reason, String explanation, String errorType,
                      String accessKeyId, String identityId, String user, boolean invoked, int status,
                      double durationMs, double handlerMs, JsonText request, JsonText event, JsonText response,
                      JsonText diagnostics, List<String> logs) {
        this.sequence = sequence;
        this.requestId = requestId;
        this.time = time;
        this.kind = kind;
        this.method = method;
        this.path = path;
        this.operation = operation;
        this.verdict = verdict;
        this.reason = reason;
        this.explanation = explanation;
        this.errorType = errorType;
        this.accessKeyId = accessKeyId;
        this.identityId = identityId;
        this.user = user;
        this.invoked = invoked;
        this.status = status;
        this.durationMs = durationMs;
        this.handlerMs = handlerMs;
        this.request = request;
        this.event = event;
        this.response = response;
        this.diagnostics = diagnostics;
        this.logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /**
     * One JSON value of a record as text, written by the record's own Jackson generator (the same text as the tree
     * with the same content would be written as), so that it is always exactly one JSON value.
     */
    public static final class JsonText {
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JsonText.class);

        private volatile String text;
        /** Until the text is made: what makes it ({@link #later}); dropped then, with what it holds. */
        private Writing writer;

        private JsonText(String text) {
            this.text = text;
        }

        private JsonText(Writing writer) {
            this.writer = writer;
        }

        /** A tree's JSON text ({@code null} for {@code null}). */
        public static JsonText of(JsonNode tree) {
            String text = CallRecord.text(tree);
            return text == null ? null : new JsonText(text);
        }

        /** What {@code writer} writes (one JSON value) to a generator of the record's JSON. */
        public static JsonText write(Writing writer) {
            return new JsonText(render(writer));
        }

        /**
         * What {@code writer} will write, made the first time the text is read (the record's JSON, an accessor,
         * {@code equals}), not now: most records are never read, and writing them was a tenth of the request
         * thread's work under load. {@code writer} must only use values that do not change (it may run on any thread,
         * at most once); if it fails, the text says so (and the log has the stack trace).
         */
        public static JsonText later(Writing writer) {
            return new JsonText(java.util.Objects.requireNonNull(writer, "writer"));
        }

        /** The JSON text (made now if it was left for later). */
        public String text() {
            String t = text;
            if (t == null) {
                synchronized (this) {
                    t = text;
                    if (t == null) {
                        try {
                            t = render(writer);
                        } catch (RuntimeException e) {
                            LOG.error("a call record's JSON could not be written", e);
                            t = CallLog.JSON.getNodeFactory().textNode(
                                    "(Gatehouse could not write this part of the record: " + e + ")").toString();
                        }
                        text = t;
                        writer = null;
                    }
                }
            }
            return t;
        }

        private static String render(Writing writer) {
            java.io.StringWriter out = new java.io.StringWriter(512);
            try (com.fasterxml.jackson.core.JsonGenerator g = CallLog.JSON.createGenerator(out)) {
                writer.write(g, CallLog.JSON.getSerializerProviderInstance());
            } catch (java.io.IOException e) { // a StringWriter does not fail
                throw new java.io.UncheckedIOException(e);
            }
            if (out.getBuffer().length() == 0) {
                throw new IllegalStateException("no JSON value written");
            }
            return out.toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonText other && text().equals(other.text());
        }

        @Override
        public int hashCode() {
            return text().hashCode();
        }

        @Override
        public String toString() {
            return text();
        }

        /**
         * Writes one JSON value; a tree within it as {@code node.serialize(g, trees)} (what {@code g.writeTree(node)}
         * does, without a new serializer provider for each tree).
         */
        @FunctionalInterface
        public interface Writing {
            void write(com.fasterxml.jackson.core.JsonGenerator g, com.fasterxml.jackson.databind.SerializerProvider trees)
                    throws java.io.IOException;
        }
    }

    /** A record of a call that ran no function (or whose function logged nothing). */
    public CallRecord(long sequence, String requestId, Instant time, String kind, String method, String path,
                      String operation, String verdict, String reason, String explanation, String errorType,
                      String accessKeyId, String identityId, String user, boolean invoked, int status,
                      double durationMs, double handlerMs, JsonNode request, JsonNode event, JsonNode response,
                      JsonNode diagnostics) {
        this(sequence, requestId, time, kind, method, path, operation, verdict, reason, explanation, errorType,
                accessKeyId, identityId, user, invoked, status, durationMs, handlerMs, request, event, response,
                diagnostics, List.of());
    }

    private static String text(JsonNode tree) {
        if (tree == null) {
            return null;
        }
        try {
            return CallLog.JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) { // a tree always has a JSON text
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonText json) {
        return json == null ? null : json.text();
    }

    private static JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return CallLog.JSON.readTree(text);
        } catch (JsonProcessingException e) { // written from a tree just above
            throw new IllegalStateException(e);
        }
    }

    @JsonProperty("sequence")
    public long sequence() {
        return sequence;
    }

    @JsonProperty("requestId")
    public String requestId() {
        return requestId;
    }

    @JsonProperty("time")
    public Instant time() {
        return time;
    }

    @JsonProperty("kind")
    public String kind() {
        return kind;
    }

    @JsonProperty("method")
    public String method() {
        return method;
    }

    @JsonProperty("path")
    public String path() {
        return path;
    }

    @JsonProperty("operation")
    public String operation() {
        return operation;
    }

    @JsonProperty("verdict")
    public String verdict() {
        return verdict;
    }

    @JsonProperty("reason")
    public String reason() {
        return reason;
    }

    @JsonProperty("explanation")
    public String explanation() {
        return explanation;
    }

    @JsonProperty("errorType")
    public String errorType() {
        return errorType;
    }

    @JsonProperty("accessKeyId")
    public String accessKeyId() {
        return accessKeyId;
    }

    @JsonProperty("identityId")
    public String identityId() {
        return identityId;
    }

    @JsonProperty("user")
    public String user() {
        return user;
    }

    @JsonProperty("invoked")
    public boolean invoked() {
        return invoked;
    }

    @JsonProperty("status")
    public int status() {
        return status;
    }

    @JsonProperty("durationMs")
    public double durationMs() {
        return durationMs;
    }

    @JsonProperty("handlerMs")
    public double handlerMs() {
        return handlerMs;
    }

    /** The request as received, secrets masked (a new tree at each call). */
    public JsonNode request() {
        return tree(text(request));
    }

    /** The event handed to the handler, or null (a new tree at each call). */
    public JsonNode event() {
        return tree(text(event));
    }

    /** The response sent (a new tree at each call). */
    public JsonNode response() {
        return tree(text(response));
    }

    /** Why a refusal happened (canonical request, string to sign, ...), or null (a new tree at each call). */
    public JsonNode diagnostics() {
        return tree(text(diagnostics));
    }

    @JsonProperty("logs")
    public List<String> logs() {
        return logs;
    }

    @JsonProperty("request")
    @JsonRawValue
    private String requestJson() {
        return text(request);
    }

    @JsonProperty("event")
    @JsonRawValue
    private String eventJson() {
        return text(event);
    }

    @JsonProperty("response")
    @JsonRawValue
    private String responseJson() {
        return text(response);
    }

    @JsonProperty("diagnostics")
    @JsonRawValue
    private String diagnosticsJson() {
        return text(diagnostics);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallRecord r && sequence == r.sequence && invoked == r.invoked && status == r.status
                && Double.compare(durationMs, r.durationMs) == 0 && Double.compare(handlerMs, r.handlerMs) == 0
                && Objects.equals(requestId, r.requestId) && Objects.equals(time, r.time)
                && Objects.equals(kind, r.kind) && Objects.equals(method, r.method) && Objects.equals(path, r.path)
                && Objects.equals(operation, r.operation) && Objects.equals(verdict, r.verdict)
                && Objects.equals(reason, r.reason) && Objects.equals(explanation, r.explanation)
                && Objects.equals(errorType, r.errorType) && Objects.equals(accessKeyId, r.accessKeyId)
                && Objects.equals(identityId, r.identityId) && Objects.equals(user, r.user)
                && Objects.equals(request, r.request) && Objects.equals(event, r.event)
                && Objects.equals(response, r.response) && Objects.equals(diagnostics, r.diagnostics)
                && logs.equals(r.logs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, requestId, time, kind, method, path, operation, verdict, reason, explanation,
                errorType, accessKeyId, identityId, user, invoked, status, durationMs, handlerMs, request, event,
                response, diagnostics, logs);
    }

    @Override
    public String toString() {
        return "CallRecord[sequence=" + sequence + ", requestId=" + requestId + ", time=" + time + ", kind=" + kind
                + ", method=" + method + ", path=" + path + ", operation=" + operation + ", verdict=" + verdict
                + ", reason=" + reason + ", explanation=" + explanation + ", errorType=" + errorType
                + ", accessKeyId=" + accessKeyId + ", identityId=" + identityId + ", user=" + user + ", invoked="
                + invoked + ", status=" + status + ", durationMs=" + durationMs + ", handlerMs=" + handlerMs
                + ", request=" + request + ", event=" + event + ", response=" + response + ", diagnostics="
                + diagnostics + ", logs=" + logs + "]";
    }
}
