package dev.gatehouse.emulator.sigv4;

import java.time.Duration;
import java.time.Instant;

/** The CredentialScope must name this region, service and the request's date; the request time must be current. */
final class ScopeAndTime {

    private ScopeAndTime() {
    }

    static void check(SignatureParts parts, String region, String service, Instant now, Duration skew) {
        DeclaredSignature declared = parts.declared();
        if (!parts.terminator().equals("aws4_request")) {
            throw new Refusal(RefusalReason.WRONG_TERMINATOR,
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '" + parts.terminator()
                            + "'. ",
                    "the credential scope must end in aws4_request, not '" + parts.terminator() + "'", declared);
        }
        if (!parts.region().equals(region)) {
            throw new Refusal(RefusalReason.WRONG_REGION,
                    "Credential should be scoped to a valid region, not '" + parts.region() + "'. ",
                    "credential scope names region " + parts.region() + ", this API is in " + region
                            + " (set the signer's region to " + region + ")", declared);
        }
        if (!parts.service().equals(service)) {
            throw new Refusal(RefusalReason.WRONG_SERVICE,
                    "Credential should be scoped to correct service: '" + service + "'. ",
                    "credential scope names service '" + parts.service() + "', this endpoint expects '" + service
                            + "' (set the signer's service name)", declared);
        }
        String requestDay = parts.requestDate().substring(0, 8);
        if (!parts.scopeDate().equals(requestDay)) {
            throw new Refusal(RefusalReason.WRONG_SCOPE_DATE,
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                            + parts.scopeDate() + "' != '" + requestDay + "', from '" + parts.requestDate() + "'.",
                    "credential scope date " + parts.scopeDate() + " is not the day of the request time "
                            + parts.requestDate() + " (both must come from the same UTC timestamp)", declared);
        }
        checkTime(parts, now, skew);
    }

    private static void checkTime(SignatureParts parts, Instant now, Duration skew) {
        Instant t = parts.timestamp();
        long skewSeconds = skew.toSeconds();
        String minutes = skewSeconds % 60 == 0 ? (skewSeconds / 60) + " min." : skewSeconds + " sec.";
        Instant latest = now.plus(skew);
        if (t.isAfter(latest)) {
            long ahead = Duration.between(now, t).toSeconds();
            throw new Refusal(RefusalReason.SIGNATURE_NOT_YET_CURRENT,
                    "Signature not yet current: " + parts.requestDate() + " is still later than "
                            + AmzDate.format(latest) + " (" + AmzDate.format(now) + " + " + minutes + ")",
                    "clock is " + ahead + " s ahead of Gatehouse's (allowed: " + skewSeconds + " s)",
                    parts.declared());
        }
        if (parts.expiresSeconds() >= 0) {
            Instant expiry = t.plusSeconds(parts.expiresSeconds());
            if (now.isAfter(expiry)) {
                Instant earliest = now.minusSeconds(parts.expiresSeconds());
                throw new Refusal(RefusalReason.PRESIGNED_URL_EXPIRED,
                        "Signature expired: " + parts.requestDate() + " is now earlier than " + AmzDate.format(earliest)
                                + " (" + AmzDate.format(now) + " - " + parts.expiresSeconds() + " sec.)",
                        "the presigned URL expired " + Duration.between(expiry, now).toSeconds()
                                + " s ago (X-Amz-Expires=" + parts.expiresSeconds() + ")", parts.declared());
            }
            return;
        }
        Instant earliest = now.minus(skew);
        if (t.isBefore(earliest)) {
            long behind = Duration.between(t, now).toSeconds();
            throw new Refusal(RefusalReason.SIGNATURE_EXPIRED,
                    "Signature expired: " + parts.requestDate() + " is now earlier than " + AmzDate.format(earliest)
                            + " (" + AmzDate.format(now) + " - " + minutes + ")",
                    "clock is " + behind + " s behind Gatehouse's (allowed: " + skewSeconds
                            + " s), or the request was signed long ago and replayed", parts.declared());
        }
    }
}
