package dev.genaipitch.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

final class JettyPaddingTest {

  @Test
  void compressedReferences_isWhatJettyReadsThroughThePlatformMBeanServer() throws Exception {
    // Jetty's MemoryUtils asks exactly this, when the property is not set.
    CompositeData option =
        (CompositeData)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    ObjectName.getInstance("com.sun.management:type=HotSpotDiagnostic"),
                    "getVMOption",
                    new Object[] {"UseCompressedOops"},
                    new String[] {"java.lang.String"});

    assertThat(JettyPadding.compressedReferences())
        .isEqualTo(Boolean.parseBoolean((String) option.get("value")));
  }

  @Test
  void referencesPerCacheLine_byReferenceSize_isJettysRule() {
    String line = System.getProperty(JettyPadding.CACHE_LINE);
    try {
      System.clearProperty(JettyPadding.CACHE_LINE);
      assertThat(JettyPadding.referencesPerCacheLine(true)).isEqualTo(16);
      assertThat(JettyPadding.referencesPerCacheLine(false)).isEqualTo(8);

      System.setProperty(JettyPadding.CACHE_LINE, "128");
      assertThat(JettyPadding.referencesPerCacheLine(true)).isEqualTo(32);

      System.setProperty(JettyPadding.CACHE_LINE, "not a number");
      assertThat(JettyPadding.referencesPerCacheLine(true)).isEqualTo(16);
    } finally {
      restore(JettyPadding.CACHE_LINE, line);
    }
  }

  @Test
  void settle_aPropertyAlreadySet_isLeftAlone() {
    String references = System.getProperty(JettyPadding.REFERENCES);
    try {
      System.setProperty(JettyPadding.REFERENCES, "3");
      JettyPadding.settle();
      assertThat(System.getProperty(JettyPadding.REFERENCES)).isEqualTo("3");

      System.clearProperty(JettyPadding.REFERENCES);
      JettyPadding.settle();
      assertThat(System.getProperty(JettyPadding.REFERENCES))
          .isEqualTo(
              String.valueOf(
                  JettyPadding.referencesPerCacheLine(JettyPadding.compressedReferences())));
    } finally {
      restore(JettyPadding.REFERENCES, references);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
