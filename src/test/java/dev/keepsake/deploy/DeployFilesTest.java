package dev.keepsake.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.keepsake.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deployment files are checked by the linters this machine has (systemd-analyze, shellcheck;
 * CI installs both and sets KEEPSAKE_REQUIRE_LINTERS=1), and by reading what no linter here checks
 * (the Dockerfile and compose file: no Docker engine or hadolint on this kind of machine).
 */
@Timeout(60)
class DeployFilesTest {
  private static String run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    return p.waitFor() + "\n" + out;
  }

  private static void assumeTool(String tool) throws Exception {
    boolean present = run(List.of("sh", "-c", "command -v " + tool)).startsWith("0");
    if (!present && "1".equals(System.getenv("KEEPSAKE_REQUIRE_LINTERS"))) {
      fail(tool + " is required (KEEPSAKE_REQUIRE_LINTERS=1) but not installed");
    }
    assumeTrue(present, tool + " is not installed");
  }

  @Test
  void systemdUnitVerifies() throws Exception {
    assumeTool("systemd-analyze");
    String result = run(List.of("systemd-analyze", "verify", "deploy/keepsake.service"));
    assertThat(result).as(result).startsWith("0\n");
    assertThat(result.lines().filter(l -> l.contains("keepsake.service"))).as(result).isEmpty();
    String unit = Files.readString(Path.of("deploy/keepsake.service"));
    assertThat(unit).contains("User=keepsake").contains("ProtectSystem=strict").contains("ReadOnlyPaths=")
        .contains("ReadWritePaths=").contains("NoNewPrivileges=true").contains("PrivateTmp=true")
        .contains("Restart=on-failure").contains("-Xmx128m");
  }

  /**
   * C1-only JIT ({@code -XX:TieredStopAtLevel=1}) looks cheap for a small NAS but never uses the
   * CPU's SHA instructions (a C2 intrinsic): hashing drops from ~1.1 GB/s to ~130 MB/s, measured.
   */
  @Test
  void noDeployedJvmGivesUpTheShaIntrinsic() throws Exception {
    for (String file : List.of("deploy/keepsake.service", "deploy/Dockerfile", "deploy/keepsake", "src/bench/service")) {
      assertThat(Files.readString(Path.of(file))).as(file).doesNotContain("TieredStopAtLevel");
    }
  }

  /**
   * The memory bounds measured by the reliability tests (which read them from the unit) are the ones
   * every other way of running Keepsake uses: the container, the launcher, the benchmarks.
   */
  @Test
  void everyDeployedJvmHasTheUnitsMemoryBounds() throws Exception {
    String unit = Files.readString(Path.of("deploy/keepsake.service"));
    assertThat(unit).contains("Environment=MALLOC_ARENA_MAX=2")
        .containsPattern("(?m)^ExecStart=/usr/bin/java -Xms24m -XX:NewSize=16m -Xmx128m -XX:\\+UseSerialGC -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=32m"
            + " -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:\\+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=1000 -jar ");
    for (String file : List.of("deploy/Dockerfile", "deploy/keepsake", "src/bench/run", "src/bench/service")) {
      String text = Files.readString(Path.of(file));
      assertThat(text).as(file).containsPattern("MALLOC_ARENA_MAX=(\"\\$\\{MALLOC_ARENA_MAX:-)?2")
          .contains("-Xms24m ", "-XX:NewSize=16m ", "-Xmx128m", "-XX:+UseSerialGC ", "-XX:MaxMetaspaceSize=64m", "-XX:MinHeapFreeRatio=20 ",
              "-XX:MaxHeapFreeRatio=40 ", "-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=1000");
    }
  }

  /** The service and an import yield the disk and the CPU to the NAS's other users. */
  @Test
  void theServiceAndImportsRunAtIdleIoAndLowCpuPriority(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    assertThat(Files.readString(Path.of("deploy/keepsake.service"))).contains("\nNice=10\n").contains("\nIOSchedulingClass=idle\n");
    JsonNode keepsake = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/compose.yaml").toFile()).path("services").path("keepsake");
    assertThat(keepsake.path("cpu_shares").asInt()).isLessThan(1024); // the default weight is 1024
    assertThat(keepsake.path("blkio_config").path("weight").asInt()).isBetween(10, 100);
    // the launcher, with a stand-in java that tells the priority it was started with
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"nice $(nice)\"\n"
        + "command -v ionice >/dev/null && ionice -p $$\n");
    java.toFile().setExecutable(true);
    Path jar = Files.writeString(tmp.resolve("keepsake.jar"), "stand-in");
    int base = Integer.parseInt(run(List.of("nice")).split("\n")[1].trim());
    for (String command : List.of("import", "ingest")) {
      ProcessBuilder launcher = new ProcessBuilder("sh", "deploy/keepsake", command, "--help").redirectErrorStream(true);
      launcher.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      launcher.environment().put("KEEPSAKE_JAR", jar.toString());
      launcher.environment().put("KEEPSAKE_CACHE", tmp.resolve("cache").toString());
      Process p = launcher.start();
      String out = new String(p.getInputStream().readAllBytes());
      p.waitFor();
      if (command.equals("import")) {
        assertThat(out).as(out).contains("nice " + Math.min(19, base + 10));
        if (run(List.of("sh", "-c", "command -v ionice")).startsWith("0")) {
          assertThat(out).as(out).contains("idle");
        }
      } else {
        assertThat(out).as(out).contains("nice " + base); // short runs (hooks, status) are not slowed
      }
    }
  }

  /** A misspelt -XX flag stops the JVM from starting at all: every deployed one must be known to this JVM. */
  @Test
  void theJvmAcceptsEveryDeployedFlag() throws Exception {
    for (String file : List.of("deploy/keepsake.service", "deploy/Dockerfile", "deploy/keepsake")) {
      List<String> flags = Pattern.compile("-XX:[^\\s\"$]+(?=[\\s\"])").matcher(Files.readString(Path.of(file))).results()
          .map(MatchResult::group).filter(f -> !f.endsWith("=")).distinct().toList();
      assertThat(flags).as(file).isNotEmpty();
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      command.addAll(flags);
      command.add("-version");
      String result = run(command);
      assertThat(result).as(file + ": " + flags + "\n" + result).startsWith("0\n");
    }
  }

  @Test
  void shellScriptsPassShellcheck() throws Exception {
    assumeTool("shellcheck");
    String result = run(List.of("shellcheck", "deploy/syncthing-hook.sh", "deploy/keepsake", ".ci/run", "src/bench/run", "src/bench/service"));
    assertThat(result).as(result).startsWith("0\n");
  }

  @Test
  void containerRunsAsNonRootFromTheJarAndComposeHandlesTheHostCheck() throws Exception {
    String docker = Files.readString(Path.of("deploy/Dockerfile"));
    assertThat(docker).contains("COPY target/keepsake.jar").containsPattern("(?m)^USER 10001").doesNotContain("USER root");
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("deploy/compose.yaml").toFile());
    JsonNode keepsake = compose.path("services").path("keepsake");
    assertThat(keepsake.path("network_mode").asText()).isEqualTo("service:syncthing");
    assertThat(keepsake.path("volumes").toString()).contains("/srv/sync:/srv/sync:ro");
    assertThat(Path.of(keepsake.path("build").path("dockerfile").asText())).exists();
  }

  @Test
  void sampleConfigParses() throws Exception {
    assertThat(ConfigLoader.load(Path.of("deploy/keepsake.yaml")).sources()).containsKey("pixel");
  }
}
