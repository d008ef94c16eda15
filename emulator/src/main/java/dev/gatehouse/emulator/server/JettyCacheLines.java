package dev.gatehouse.emulator.server;

/**
 * Jetty pads its queues to a CPU cache line and, unless its system property {@value #REFERENCES_PER_CACHE_LINE} says
 * how many object references fit in one, asks the platform MBean server whether references are compressed: that
 * starts JMX with every platform MBean, ~0.05 CPU-s on a start's path. The size of an array's reference says the same,
 * so the answer Jetty would compute is set as that property before Jetty's classes load, unless it is set already.
 */
final class JettyCacheLines {
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    static final String CACHE_LINE_BYTES = "org.eclipse.jetty.util.cacheLineBytes";

    private JettyCacheLines() {
    }

    static void tellJetty() {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, String.valueOf(referencesPerCacheLine()));
        }
    }

    /** As Jetty's MemoryUtils: a cache line's bytes (its property, default 64) per reference (4 bytes compressed). */
    static int referencesPerCacheLine() {
        int bytes = 64;
        try {
            bytes = Integer.parseInt(System.getProperty(CACHE_LINE_BYTES, "64"));
        } catch (NumberFormatException e) {
            // Jetty keeps 64 too
        }
        return sun.misc.Unsafe.ARRAY_OBJECT_INDEX_SCALE == 4 ? bytes >> 2 : bytes >> 3;
    }
}
