package dev.gatehouse.emulator.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.eclipse.jetty.util.MemoryUtils;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JettyCacheLinesTest {

    @Test
    void jetty_is_told_what_it_would_have_asked_jmx() {
        boolean compressed = Boolean.parseBoolean(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops").getValue());
        assertEquals(compressed ? 64 / 4 : 64 / 8, JettyCacheLines.referencesPerCacheLine());
    }

    @Test
    void jettys_queues_use_that_answer() {
        JettyCacheLines.tellJetty();
        assertEquals(JettyCacheLines.referencesPerCacheLine(), MemoryUtils.getReferencesPerCacheLine());
    }
}
