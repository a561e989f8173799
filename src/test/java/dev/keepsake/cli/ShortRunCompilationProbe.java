package dev.keepsake.cli;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.ObjectName;

/**
 * Run in a JVM of its own by {@link ShortRunCompilationTest} (directives, once added, stay for the
 * JVM's life): asks for the directives as many times as its argument says, waits for the thread
 * that adds them, and prints the JVM's directives.
 */
public final class ShortRunCompilationProbe {
  public static void main(String[] args) throws Exception {
    int times = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    for (int i = 0; i < times; i++) {
      Optional<Thread> adding = ShortRunCompilation.apply();
      if (adding.isPresent()) {
        adding.get().join();
      }
    }
    System.out.println(ManagementFactory.getPlatformMBeanServer().invoke(
        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
        new Object[] {new String[0]}, new String[] {String[].class.getName()}));
  }
}
