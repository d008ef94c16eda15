package dev.gatehouse.emulator.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Gatehouse's two times.
 * <ul>
 *   <li><b>This clock, the time that ages things</b>: token issue and expiry (ID, access, refresh), identity
 *       credentials, confirmation codes, lockouts. It follows the system clock, shifted by an offset, or stands still
 *       at a frozen instant ({@code control clock}): credentials expire without waiting.</li>
 *   <li><b>{@link #signatureClock()}, the time clients' clocks are compared with</b>: the SigV4 signature window
 *       ({@code X-Amz-Date} within 5 minutes, presigned {@code X-Amz-Expires}) and the SRP {@code TIMESTAMP} check. It
 *       is the real time, unless a skewed client is simulated ({@link #clientSkew(Duration)},
 *       {@code control client-skew}). Moving the first clock never makes a freshly signed request "expired".</li>
 * </ul>
 */
public final class ControlledClock extends Clock {
    private final Clock base;
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;
    private volatile Duration clientSkew = Duration.ZERO;
    private final ThreadLocal<Instant> frozenForThread = new ThreadLocal<>();
    private final ThreadLocal<Instant> signatureTimeForThread = new ThreadLocal<>();
    private final Clock signatureClock = new SignatureClock();

    public ControlledClock() {
        this(Clock.systemUTC());
    }

    public ControlledClock(Clock base) {
        this.base = base;
    }

    /** Shifts the clock by {@code offset} (positive: Gatehouse thinks it is later than it is). Unfreezes it. */
    public void offset(Duration offset) {
        this.offset = offset;
        this.frozenAt = null;
    }

    /** Stops the clock at {@code instant} until {@link #resume()} or {@link #offset(Duration)}. */
    public void freeze(Instant instant) {
        this.frozenAt = instant;
    }

    /** Back to the system's time: no offset, not frozen (the simulated client skew stays as it is). */
    public void resume() {
        this.frozenAt = null;
        this.offset = Duration.ZERO;
    }

    public Duration currentOffset() {
        return offset;
    }

    public Instant frozenAt() {
        return frozenAt;
    }

    /**
     * Simulates clients whose clocks are off by {@code skew}: positive, a client's clock is behind (its signatures and
     * SRP timestamps look {@code skew} old); negative, ahead. Zero: clients' clocks are right.
     */
    public void clientSkew(Duration skew) {
        this.clientSkew = skew;
    }

    public Duration currentClientSkew() {
        return clientSkew;
    }

    /** The time a request's signature date and an SRP TIMESTAMP are compared with: the real time plus the skew. */
    public Clock signatureClock() {
        return signatureClock;
    }

    /**
     * Runs {@code work} on this thread with both clocks stopped, for this thread only (other requests keep the shared
     * clocks): this clock at {@code instant}, the signature clock at {@code signatureTime}. Replays a recorded request
     * at its original time: its credentials and tokens aged as they were then, its signature date compared with the
     * time it arrived.
     */
    public <T> T at(Instant instant, Instant signatureTime, java.util.function.Supplier<T> work) {
        Instant previous = frozenForThread.get();
        Instant previousSignatureTime = signatureTimeForThread.get();
        frozenForThread.set(instant);
        signatureTimeForThread.set(signatureTime);
        try {
            return work.get();
        } finally {
            restore(frozenForThread, previous);
            restore(signatureTimeForThread, previousSignatureTime);
        }
    }

    /** {@link #at(Instant, Instant, java.util.function.Supplier)} with both clocks at {@code instant}. */
    public <T> T at(Instant instant, java.util.function.Supplier<T> work) {
        return at(instant, instant, work);
    }

    private static void restore(ThreadLocal<Instant> local, Instant previous) {
        if (previous == null) {
            local.remove();
        } else {
            local.set(previous);
        }
    }

    @Override
    public Instant instant() {
        Instant forThread = frozenForThread.get();
        if (forThread != null) {
            return forThread;
        }
        Instant frozen = frozenAt;
        return frozen != null ? frozen : base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Gatehouse's clock is always UTC");
    }

    /** The real time plus the simulated client skew; stopped for a thread that replays a request. */
    private final class SignatureClock extends Clock {
        @Override
        public Instant instant() {
            Instant forThread = signatureTimeForThread.get();
            return forThread != null ? forThread : base.instant().plus(clientSkew);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("Gatehouse's clock is always UTC");
        }
    }
}
