package dev.gatehouse.emulator.sigv4;

import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.CredentialsLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4 requests as the service behind {@code region}/{@code service} does (for an HTTP
 * API with AWS_IAM routes: {@code execute-api}), from the canonical-request rules. Thread-safe; create one per
 * (region, service) and share it.
 */
public final class SigV4Verifier {

    /**
     * @param doubleEncodePath true for every service but S3 (execute-api, cognito-idp); false for the generic suite
     * @param normalizePath    remove dot segments and {@code //} before signing (true but for S3)
     * @param allowedSkew      how far the request time may be from the signature clock, either way (AWS: 5 minutes)
     */
    public record Options(boolean doubleEncodePath, boolean normalizePath, Duration allowedSkew) {
        public Options {
            Objects.requireNonNull(allowedSkew, "allowedSkew");
        }

        /** What API Gateway and the other non-S3 services do: double encoding, normalization, 5 minutes. */
        public static Options aws() {
            return new Options(true, true, Duration.ofMinutes(5));
        }
    }

    private final CredentialsLookup lookup;
    private final Clock clock;
    private final Clock signatureClock;
    private final String region;
    private final String service;
    private final Options options;
    private final SigningKeys signingKeys = new SigningKeys();

    public SigV4Verifier(CredentialsLookup lookup, Clock clock, String region, String service, Options options) {
        this(lookup, clock, clock, region, service, options);
    }

    /**
     * @param clock          the time that ages credentials (their expiry)
     * @param signatureClock the time the request's date is compared with (the signature window, presigned expiry)
     */
    public SigV4Verifier(CredentialsLookup lookup, Clock clock, Clock signatureClock, String region, String service,
                         Options options) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signatureClock = Objects.requireNonNull(signatureClock, "signatureClock");
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A verifier for API Gateway ({@code execute-api}) in {@code region}, with AWS's options. */
    public static SigV4Verifier executeApi(CredentialsLookup lookup, Clock clock, String region) {
        return new SigV4Verifier(lookup, clock, region, "execute-api", Options.aws());
    }

    /** The same, with credentials aged by {@code clock} and the signature window on {@code signatureClock}. */
    public static SigV4Verifier executeApi(CredentialsLookup lookup, Clock clock, Clock signatureClock, String region) {
        return new SigV4Verifier(lookup, clock, signatureClock, region, "execute-api", Options.aws());
    }

    public String region() {
        return region;
    }

    public String service() {
        return service;
    }

    /** Checks one request; never throws for bad input: every problem is a {@link Verdict.Refused}. */
    public Verdict verify(IncomingRequest request) {
        try {
            return check(request);
        } catch (Refusal refusal) {
            return refusal.verdict().as(service);
        }
    }

    private Verdict check(IncomingRequest request) {
        List<QueryParameter> query = QueryParameter.parse(request.rawQuery());
        String authorization = request.header("Authorization");
        boolean presigned = QueryParameter.first(query, "X-Amz-Algorithm") != null
                || QueryParameter.first(query, "X-Amz-Credential") != null
                || QueryParameter.first(query, QueryParameter.SIGNATURE) != null;
        if (authorization == null && !presigned) {
            throw new Refusal(RefusalReason.MISSING_AUTHENTICATION, "Missing Authentication Token",
                    "the request is not signed: it has no Authorization header and no X-Amz-Signature query parameter",
                    null);
        }
        if (authorization != null && presigned) {
            throw new Refusal(RefusalReason.BOTH_HEADER_AND_QUERY_AUTH,
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string"
                            + " parameter or the Authorization header should be specified",
                    "the request carries both an Authorization header and a presigned query signature", null);
        }
        SignatureParts parts = presigned ? SignatureParser.fromQuery(request, query)
                : SignatureParser.fromHeader(request, authorization);
        ScopeAndTime.check(parts, region, service, signatureClock.instant(), options.allowedSkew());
        SignedHeaderRules.check(request, parts);
        Credentials credentials = SessionRules.credentials(lookup, parts, clock.instant());

        String payloadHash = Hashing.sha256Hex(request.body());
        String canonicalUri = CanonicalRequest.uri(request.rawPath(), options.doubleEncodePath(), options.normalizePath());
        String canonicalHeaders = CanonicalRequest.headers(request, parts.signedHeaders());
        String canonicalQuery = CanonicalRequest.query(query, presigned, true);
        String canonical = CanonicalRequest.build(request.method(), canonicalUri, canonicalQuery, canonicalHeaders,
                parts.signedHeadersText(), payloadHash);
        String stringToSign = stringToSign(parts, canonical);
        byte[] signingKey = signingKeys.signingKey(credentials.secretAccessKey(), parts.scopeDate(), parts.region(),
                parts.service());

        String declaredContentHash = request.header("x-amz-content-sha256");
        if (declaredContentHash != null && !declaredContentHash.trim().equals(payloadHash)) {
            throw new Refusal(Mismatch.payloadHash(declaredContentHash.trim(), payloadHash, canonical, stringToSign,
                    parts.declared()));
        }
        if (signatureMatches(signingKey, stringToSign, parts.signature())) {
            return new Verdict.Accepted(credentials, parts.declared());
        }
        if (presigned && parts.securityToken() != null) {
            // The token may be appended to a presigned URL after signing (AWS suite: post-sts-header-after).
            String withoutToken = CanonicalRequest.build(request.method(), canonicalUri,
                    CanonicalRequest.query(query, true, false), canonicalHeaders, parts.signedHeadersText(), payloadHash);
            if (signatureMatches(signingKey, stringToSign(parts, withoutToken), parts.signature())) {
                return new Verdict.Accepted(credentials, parts.declared());
            }
        }
        Mismatch mismatch = new Mismatch(request, parts, query, options, signingKey, payloadHash);
        String explanation = mismatch.explain();
        throw new Refusal(Mismatch.signature(explanation, canonical, stringToSign, parts.declared(),
                mismatch.client()));
    }

    static String stringToSign(SignatureParts parts, String canonicalRequest) {
        return SignatureParser.ALGORITHM + '\n' + parts.requestDate() + '\n' + parts.credentialScope() + '\n'
                + Hashing.sha256Hex(canonicalRequest);
    }

    static boolean signatureMatches(byte[] signingKey, String stringToSign, String declared) {
        return Hashing.constantTimeEquals(Hashing.hex(Hashing.hmac(signingKey, stringToSign)), declared);
    }

    /** The CanonicalRequest this verifier computes for a request (for tests and diagnostics). */
    String canonicalRequest(IncomingRequest request) {
        List<QueryParameter> query = QueryParameter.parse(request.rawQuery());
        String authorization = request.header("Authorization");
        boolean presigned = authorization == null;
        SignatureParts parts = presigned ? SignatureParser.fromQuery(request, query)
                : SignatureParser.fromHeader(request, authorization);
        return CanonicalRequest.build(request.method(),
                CanonicalRequest.uri(request.rawPath(), options.doubleEncodePath(), options.normalizePath()),
                CanonicalRequest.query(query, presigned, true), CanonicalRequest.headers(request, parts.signedHeaders()),
                parts.signedHeadersText(), Hashing.sha256Hex(request.body()));
    }

    /** The StringToSign this verifier computes for a request (for tests and diagnostics). */
    String stringToSign(IncomingRequest request) {
        List<QueryParameter> query = QueryParameter.parse(request.rawQuery());
        String authorization = request.header("Authorization");
        SignatureParts parts = authorization == null ? SignatureParser.fromQuery(request, query)
                : SignatureParser.fromHeader(request, authorization);
        return stringToSign(parts, canonicalRequest(request));
    }

    Instant now() {
        return signatureClock.instant();
    }
}
