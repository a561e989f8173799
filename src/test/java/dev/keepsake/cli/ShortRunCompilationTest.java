package dev.keepsake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class ShortRunCompilationTest {
  @Test
  void hashingKeepsTheOptimisingCompilerAndTheRestGoesWithout() throws Exception {
    ShortRunCompilation.apply();
    String printed = awaitDirectives();
    // the JVM parsed our text: both directives are in force, the digest one first
    assertThat(printed).contains("sun/security/provider/*.*", "java/nio/*.mismatch", "matching: *.*");
    assertThat(printed.indexOf("sun/security/provider/*.*")).isLessThan(printed.indexOf("matching: *.*"));
  }

  @Test
  void addedOncePerJvm() throws Exception {
    ShortRunCompilation.apply();
    ShortRunCompilation.apply();
    String printed = awaitDirectives();
    Thread.sleep(300); // a second thread, had one been started, would have added them again by now
    printed = directives();
    assertThat(printed.split("sun/security/provider/\\*\\.\\*", -1)).hasSize(2);
  }

  /** They are added on a thread of their own. */
  private static String awaitDirectives() throws Exception {
    String printed = directives();
    for (int i = 0; i < 100 && !printed.contains("sun/security/provider/*.*"); i++) {
      Thread.sleep(100);
      printed = directives();
    }
    return printed;
  }

  private static String directives() throws Exception {
    return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
        new Object[] {new String[0]}, new String[] {String[].class.getName()}));
  }
}
