package dev.keepsake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ConfigLoaderTest {
  @TempDir Path tmp;

  @Test
  void theExampleConfigParsesWithEveryKey() throws Exception {
    KeepsakeConfig config = ConfigLoader.load(Path.of("config/keepsake.example.yaml"));
    assertThat(config.archive().layout()).isEqualTo("{yyyy}/{MM}/{name}");
    assertThat(config.sources()).containsKey("pixel");
    assertThat(config.sources().get("pixel").include()).contains("DCIM/**");
    assertThat(config.notifications().digest().groupWait()).isEqualTo("2m");
    assertThat(config.notifications().smtp().passwordFile()).isEqualTo("/etc/keepsake/smtp.pw");
    assertThat(config.notifications().weeklyReport().day()).isEqualTo("MONDAY");
    assertThat(config.server().listen()).isEqualTo("127.0.0.1:8787");
  }

  @Test
  void aTypoNamesTheFullKeyAndTheNearestValidOne() {
    assertThatThrownBy(() -> ConfigLoader.parse("k.yaml", "archive: { root: /a, layuot: x }"))
        .hasMessageContaining("unknown key 'archive.layuot'").hasMessageContaining("did you mean 'layout'");
    assertThatThrownBy(() -> ConfigLoader.parse("k.yaml", "notify: { digest: { group-wiat: 2m } }"))
        .hasMessageContaining("notify.digest.group-wiat").hasMessageContaining("group-wait");
  }

  @Test
  void aWrongTypeNamesTheKey() {
    assertThatThrownBy(() -> ConfigLoader.parse("k.yaml", "sources: [a, b]"))
        .hasMessageContaining("'sources'").hasMessageContaining("wrong type");
    assertThatThrownBy(() -> ConfigLoader.parse("k.yaml", "sources: { p: { path: /x, include-other: maybe } }"))
        .hasMessageContaining("sources.p.include-other");
  }

  @Test
  void brokenYamlAndMissingFilesAreClear() {
    assertThatThrownBy(() -> ConfigLoader.parse("k.yaml", "archive:\n\troot: x")).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> ConfigLoader.load(tmp.resolve("none.yaml"))).hasMessageContaining("does not exist");
  }

  @Test
  void settingsCheckSourcesZoneAndDurations() throws Exception {
    Files.createDirectories(tmp.resolve("phone"));
    Files.createDirectories(tmp.resolve("archive"));
    Path file = tmp.resolve("k.yaml");
    KeepsakeConfig ok = ConfigLoader.parse("k.yaml", "archive: { root: archive, zone: UTC }\nsources: { phone: { path: phone } }");
    IngestSettings settings = IngestSettings.fromConfig(ok, file);
    assertThat(settings.archiveRoot()).isEqualTo(tmp.resolve("archive"));
    assertThat(settings.sources()).singleElement().satisfies(s -> assertThat(s.name()).isEqualTo("phone"));

    KeepsakeConfig badZone = ConfigLoader.parse("k.yaml", "archive: { root: archive, zone: Europe/Berln }\nsources: { phone: { path: phone } }");
    assertThatThrownBy(() -> IngestSettings.fromConfig(badZone, file)).hasMessageContaining("archive.zone");
    KeepsakeConfig badDuration = ConfigLoader.parse("k.yaml", "archive: { root: archive }\nsources: { phone: { path: phone } }\nsettle: 5 seconds");
    assertThatThrownBy(() -> IngestSettings.fromConfig(badDuration, file)).hasMessageContaining("settle").hasMessageContaining("30s");
    KeepsakeConfig noPath = ConfigLoader.parse("k.yaml", "archive: { root: archive }\nsources: { phone: { include: [\"**\"] } }");
    assertThatThrownBy(() -> IngestSettings.fromConfig(noPath, file)).hasMessageContaining("sources.phone.path");
    KeepsakeConfig badName = ConfigLoader.parse("k.yaml", "archive: { root: archive }\nsources: { \"my phone/x\": { path: phone } }");
    assertThatThrownBy(() -> IngestSettings.fromConfig(badName, file)).hasMessageContaining("source name");
  }

  @Test
  void durationsReadTheUsualForms() throws Exception {
    assertThat(Durations.parse("k", "30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("k", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("k", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("k", "7d")).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(() -> Durations.parse("k", "2 minutes")).hasMessageContaining("k:");
    assertThatThrownBy(() -> Durations.parse("k", "")).isInstanceOf(ConfigException.class);
  }

  @Test
  void anSmtpPasswordOverAPlainConnectionIsRefusedUnlessTheOwnerOptsIn() throws Exception {
    Files.writeString(tmp.resolve("smtp.pw"), "pw");
    String smtp = "notify: { to: [me@home], smtp: { host: mail.lan, port: 25, starttls: false, username: nas,"
        + " password-file: smtp.pw%s } }";
    KeepsakeConfig plain = ConfigLoader.parse("k.yaml", smtp.formatted(""));
    java.util.List<String> warnings = new java.util.ArrayList<>();
    assertThatThrownBy(() -> NotifySettings.from(plain, tmp.resolve("k.yaml"), tmp, java.time.ZoneOffset.UTC, warnings))
        .hasMessageContaining("plain text").hasMessageContaining("starttls: true").hasMessageContaining("allow-plaintext-auth: true");
    KeepsakeConfig optedIn = ConfigLoader.parse("k.yaml", smtp.formatted(", allow-plaintext-auth: true"));
    NotifySettings.from(optedIn, tmp.resolve("k.yaml"), tmp, java.time.ZoneOffset.UTC, warnings);
    assertThat(warnings).filteredOn(w -> w.contains("without TLS")).singleElement().asString()
        .contains("allow-plaintext-auth");
  }
}
