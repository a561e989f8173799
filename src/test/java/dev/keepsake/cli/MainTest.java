package dev.keepsake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(60)
class MainTest {
  private final Cli cli = new Cli();

  @Test
  void eachSubcommandIsRegisteredUnderItsOwnName() {
    Main.COMMANDS.forEach((name, command) ->
        assertThat(new CommandLine(command.get()).getCommandName()).as(name).isEqualTo(name));
  }

  @Test
  void helpListsEverySubcommandThoughARunBuildsOnlyOne() {
    assertThat(cli.run("--help")).isZero();
    for (String name : Main.COMMANDS.keySet()) {
      assertThat(cli.out).containsPattern("(?m)^  " + name + "\\s");
    }
    assertThat(cli.run("ingest", "--help")).isZero();
    assertThat(cli.out).contains("Usage: keepsake ingest");
  }

  /**
   * picocli is compiled from its sources in this build (pom.xml): its own jar's Java 5 class files
   * cannot go into the launcher's class-data archive and take the JVM's slow old verifier.
   */
  @Test
  void picocliRunsAsJava17ClassFilesCompiledHere() throws Exception {
    try (var in = CommandLine.class.getResourceAsStream("CommandLine.class")) {
      byte[] header = in.readNBytes(8);
      int major = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      assertThat(major).as("class-file major version of picocli.CommandLine").isEqualTo(61);
    }
    assertThat(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().getPath()).endsWith("/classes/");
  }
}
