package dev.keepsake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.keepsake.testing.SyncthingPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Timeout;

/** doctor against a real Syncthing (good key, bad key, missing folder) and a real SMTP server. */
@Tag("syncthing")
@Timeout(600)
class DoctorCommandTest {
  @TempDir Path tmp;
  String out;
  int configs;

  private int doctor(Path config) {
    StringWriter o = new StringWriter();
    int code = Main.run(new PrintWriter(o, true), new PrintWriter(new StringWriter(), true), "doctor", "--config", config.toString());
    out = o.toString();
    return code;
  }

  private Path config(SyncthingPair pair, String key, String source, int smtpPort) throws Exception {
    Path keyFile = Files.writeString(tmp.resolve("syncthing-" + (++configs) + ".key"), key);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    Path pw = Files.writeString(tmp.resolve("smtp.pw"), "secret");
    Files.createDirectories(tmp.resolve("archive"));
    return Files.writeString(tmp.resolve("k.yaml"), """
        archive: { root: archive, zone: UTC }
        sources: { pixel: %s }
        syncthing: { url: "%s", api-key-file: %s }
        notify: { to: [me@example.org], smtp: { host: 127.0.0.1, port: %d, starttls: false, allow-plaintext-auth: true, username: me, password-file: %s, timeout: 5s } }
        server: { listen: "127.0.0.1:0" }
        """.formatted(source, pair.nas.url(), keyFile, smtpPort, pw));
  }

  @Test
  void goodKeyBadKeyAndAMissingFolder() throws Exception {
    GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.setUser("me@example.org", "me", "secret");
    smtp.start();
    try (SyncthingPair pair = SyncthingPair.start(tmp.resolve("st"), "")) {
      int port = smtp.getSmtp().getPort();
      String folder = "{ syncthing-folder: " + SyncthingPair.FOLDER + " }";

      assertThat(doctor(config(pair, pair.nas.apiKey, folder, port))).as(out).isZero();
      assertThat(out).contains("ok    config").contains("ok    Syncthing at").contains("accepts the API key")
          .contains("ok    source pixel").contains("ok    archive").contains("GiB free")
          .contains("warn  Syncthing folder phone-camera has neither versioning nor ignoreDelete")
          .contains("warn  syncthing.api-key-file").contains("chmod 600")
          .contains("ok    SMTP 127.0.0.1:" + port + " connects").contains("no problems found")
          .doesNotContain(pair.nas.apiKey);

      assertThat(doctor(config(pair, "wrong-key", folder, port))).isEqualTo(1);
      assertThat(out).contains("FAIL  Syncthing").contains("API key rejected: check syncthing.api-key-file");

      assertThat(doctor(config(pair, pair.nas.apiKey, "{ syncthing-folder: no-such-folder }", port))).isEqualTo(1);
      assertThat(out).contains("FAIL  syncthing-folder no-such-folder").contains("check the folder id");
    } finally {
      smtp.stop();
    }
  }

  @Test
  void aTypoIsAFailNamingTheNearestKey() throws Exception {
    Path config = Files.writeString(tmp.resolve("k.yaml"), "archive: { root: /tmp, layuot: x }\nsources: {}\n");
    assertThat(doctor(config)).isEqualTo(1);
    assertThat(out).contains("FAIL").contains("did you mean 'layout'");
  }
}
