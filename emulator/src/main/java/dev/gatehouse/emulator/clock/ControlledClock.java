package dev.gatehouse.emulator.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock every time check in Gatehouse reads (signature skew, credential and token expiry, token issue times).
 * It follows the system clock, shifted by an offset, or stands still at a frozen instant: so clock skew and expiry can
 * be reproduced without waiting.
 */
public final class ControlledClock extends Clock {
    private final Clock base;
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;
    private final ThreadLocal<Instant> frozenForThread = new ThreadLocal<>();

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
     * Runs {@code work} on this thread with the clock stopped at {@code instant}, for this thread only: other requests
     * keep the shared clock (used to replay a recorded request at its original time).
     */
    public <T> T at(Instant instant, java.util.function.Supplier<T> work) {
        Instant previous = frozenForThread.get();
        frozenForThread.set(instant);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                frozenForThread.remove();
            } else {
                frozenForThread.set(previous);
            }
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
}
