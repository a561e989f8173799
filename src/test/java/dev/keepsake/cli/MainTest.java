package dev.keepsake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import picocli.CommandLine;
import org.junit.jupiter.api.Test;

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
}
