package dev.genaipitch.app.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells Jetty how many object references fill a cache line before any Jetty class asks.
 *
 * <p>Jetty pads its thread pool's queue by that number; unless the system property {@value
 * #REFERENCES} is set, its {@code MemoryUtils} finds out whether references are compressed by
 * starting the whole platform MBean server (every platform MBean, the diagnostic commands, Flight
 * Recorder's views: hundreds of classes and a parse of JFR's configuration files on the main thread
 * before {@code /readyz}; docs/performance.md). The same answer comes from the one HotSpot
 * diagnostic bean, without the MBean server. Jetty's own rule is kept: with compressed references
 * the cache line's bytes over 4, without them over 8.
 */
final class JettyPadding {

  static final String REFERENCES = "org.eclipse.jetty.util.referencesPerCacheLine";
  static final String CACHE_LINE = "org.eclipse.jetty.util.cacheLineBytes";

  private static final int DEFAULT_CACHE_LINE = 64;

  private JettyPadding() {}

  /** Sets {@value #REFERENCES} unless it is set, or the JVM cannot say (Jetty then asks itself). */
  static void settle() {
    if (System.getProperty(REFERENCES) != null) {
      return;
    }
    Boolean compressed = compressedReferences();
    if (compressed != null) {
      System.setProperty(REFERENCES, Integer.toString(referencesPerCacheLine(compressed)));
    }
  }

  /** What Jetty computes for this JVM: the cache line's bytes over the size of a reference. */
  static int referencesPerCacheLine(boolean compressed) {
    int bytes = DEFAULT_CACHE_LINE;
    try {
      bytes = Integer.parseInt(System.getProperty(CACHE_LINE, String.valueOf(DEFAULT_CACHE_LINE)));
    } catch (NumberFormatException e) {
      // Jetty falls back to 64 as well.
    }
    return compressed ? bytes >> 2 : bytes >> 3;
  }

  /** Whether the JVM compresses references, or null where it has no HotSpot diagnostic bean. */
  static Boolean compressedReferences() {
    try {
      HotSpotDiagnosticMXBean hotSpot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return hotSpot == null
          ? null
          : Boolean.parseBoolean(hotSpot.getVMOption("UseCompressedOops").getValue());
    } catch (RuntimeException e) {
      return null;
    }
  }
}
