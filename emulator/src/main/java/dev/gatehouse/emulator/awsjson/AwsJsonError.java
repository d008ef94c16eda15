package dev.gatehouse.emulator.awsjson;

/**
 * An error answered the awsJson1.1 way: status, body {@code {"__type":type,"message":message}}, and the headers
 * {@code x-amzn-ErrorType: <type>:} and {@code x-amzn-ErrorMessage}.
 */
public class AwsJsonError extends RuntimeException {
    private final int status;
    private final String type;
    private String reason;
    private String explanation;

    public AwsJsonError(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    /** A client error (400), the common case. */
    public AwsJsonError(String type, String message) {
        this(400, type, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /**
     * Gatehouse's own diagnosis, never in AWS's body: a code ({@code SRP_TIMESTAMP}) and a sentence, for the
     * {@code X-Gatehouse-Reason} header, the log, the call record and {@code explain}.
     */
    public AwsJsonError because(String reason, String explanation) {
        this.reason = reason;
        this.explanation = explanation;
        return this;
    }

    /** The diagnosis code, or null. */
    public String reason() {
        return reason;
    }

    public String explanation() {
        return explanation;
    }

    public static AwsJsonError invalidParameter(String message) {
        return new AwsJsonError("InvalidParameterException", message);
    }

    public static AwsJsonError notAuthorized(String message) {
        return new AwsJsonError("NotAuthorizedException", message);
    }
}
