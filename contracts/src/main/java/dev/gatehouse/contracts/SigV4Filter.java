package dev.gatehouse.contracts;

import dev.gatehouse.emulator.client.SignIn.IdentityCredentials;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A REST Assured {@link Filter} that signs every request with SigV4 (service {@code execute-api}, payload signing on)
 * by the AWS SDK v2 {@link AwsV4HttpSigner}, with the credentials its supplier gives at the time of the call.
 * Variants that sign for another region or service, or at another time, reproduce auth bugs.
 */
public final class SigV4Filter implements Filter {
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final Supplier<IdentityCredentials> credentials;
    private final String region;
    private final String service;
    private final Clock clock;

    private SigV4Filter(Supplier<IdentityCredentials> credentials, String region, String service, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    public static SigV4Filter of(Supplier<IdentityCredentials> credentials, String region) {
        return new SigV4Filter(credentials, region, "execute-api", Clock.systemUTC());
    }

    public SigV4Filter withRegion(String otherRegion) {
        return new SigV4Filter(credentials, otherRegion, service, clock);
    }

    public SigV4Filter withService(String otherService) {
        return new SigV4Filter(credentials, region, otherService, clock);
    }

    /** Signs as if at this clock's time (e.g. six minutes off). */
    public SigV4Filter withClock(Clock otherClock) {
        return new SigV4Filter(credentials, region, service, otherClock);
    }

    public SigV4Filter withCredentials(Supplier<IdentityCredentials> otherCredentials) {
        return new SigV4Filter(otherCredentials, region, service, clock);
    }

    /** The request with the signature headers added (Host, X-Amz-Date, X-Amz-Security-Token, ...). */
    public SdkHttpRequest sign(SdkHttpRequest unsigned, byte[] body) {
        IdentityCredentials c = credentials.get();
        return SIGNER.sign(r -> r
                .identity(AwsSessionCredentialsIdentity.create(c.accessKeyId(), c.secretAccessKey(),
                        c.sessionToken()))
                .request(unsigned)
                .payload(body == null ? null : ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)).request();
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                           FilterContext context) {
        byte[] body = bodyBytes(request.getBody());
        if (body != null) {
            request.body(body); // exactly the bytes that were hashed go on the wire
        }
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.getMethod().toUpperCase(Locale.ROOT)))
                .uri(URI.create(request.getURI()));
        request.getHeaders().forEach(h -> unsigned.appendHeader(h.getName(), h.getValue()));
        SdkHttpRequest signed = sign(unsigned.build(), body);
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) { // the HTTP client writes the same Host itself
                request.removeHeader(name);
                values.forEach(v -> request.header(name, v));
            }
        });
        return context.next(request, response);
    }

    private static byte[] bodyBytes(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
