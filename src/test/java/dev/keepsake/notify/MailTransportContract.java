package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MailTransport} promises, run against each one (a subclass per transport): a
 * returned {@code send} is a delivered mail with all its parts; mails never replace each other; a
 * transport that cannot deliver says so with where and why, and never a secret.
 */
abstract class MailTransportContract {
  static final String SECRET = "SECRET-mail-password-5c1e";
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

  /** A transport that can deliver, from {@code keepsake@nas} to {@code me@home}. */
  abstract MailTransport working() throws Exception;

  /** One that cannot (its server is down, its folder cannot be written). */
  abstract MailTransport broken() throws Exception;

  /** Every mail delivered so far, as the receiving side has it. */
  abstract List<MimeMessage> delivered() throws Exception;

  @Test
  void aReturnedSendIsADeliveredMailWithEveryPart() throws Exception {
    working().send(new MailMessage("1 problem: disk-full pixel", "plain: 3 files waiting", "<p>html: 3 files waiting</p>", PNG));

    assertThat(delivered()).hasSize(1);
    MimeMessage mail = delivered().get(0);
    assertThat(mail.getSubject()).isEqualTo("1 problem: disk-full pixel");
    assertThat(Arrays.stream(mail.getFrom()).map(a -> ((InternetAddress) a).getAddress())).containsExactly("keepsake@nas");
    assertThat(Arrays.stream(mail.getAllRecipients()).map(a -> ((InternetAddress) a).getAddress())).containsExactly("me@home");
    assertThat(mail.getSentDate()).isNotNull();
    List<Part> parts = leaves(mail);
    assertThat(parts).anySatisfy(p -> {
      assertThat(p.isMimeType("text/plain")).isTrue();
      assertThat((String) p.getContent()).contains("plain: 3 files waiting");
    });
    assertThat(parts).anySatisfy(p -> {
      assertThat(p.isMimeType("text/html")).isTrue();
      assertThat((String) p.getContent()).contains("html: 3 files waiting");
    });
    assertThat(parts).anySatisfy(p -> {
      assertThat(p.isMimeType("image/png")).isTrue();
      assertThat(((jakarta.mail.internet.MimePart) p).getContentID()).isEqualTo("<chart>");
      assertThat(p.getInputStream().readAllBytes()).isEqualTo(PNG);
    });
  }

  @Test
  void mailsNeverReplaceEachOther() throws Exception {
    MailTransport transport = working();
    for (int i = 0; i < 5; i++) {
      transport.send(new MailMessage("mail " + i, "text " + i, "<p>" + i + "</p>", null));
    }
    List<String> subjects = new ArrayList<>();
    for (MimeMessage m : delivered()) {
      subjects.add(m.getSubject());
    }
    assertThat(subjects).containsExactlyInAnyOrder("mail 0", "mail 1", "mail 2", "mail 3", "mail 4");
  }

  @Test
  void aTransportThatCannotDeliverSaysWhereAndWhyAndDeliversNothing() throws Exception {
    MailTransport transport = broken();
    assertThatThrownBy(() -> transport.send(new MailMessage("s", "t", "<p>h</p>", null)))
        .isInstanceOf(MailException.class)
        .hasMessageNotContaining(SECRET)
        .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
    assertThat(delivered()).isEmpty();
  }

  @Test
  void itsDescriptionNamesWhereMailGoesAndNoSecret() throws Exception {
    assertThat(working().describe()).isNotBlank().doesNotContain(SECRET);
    assertThat(broken().describe()).isNotBlank().doesNotContain(SECRET);
  }

  private static List<Part> leaves(Part part) throws Exception {
    List<Part> out = new ArrayList<>();
    if (part.isMimeType("multipart/*")) {
      Multipart multi = (Multipart) part.getContent();
      for (int i = 0; i < multi.getCount(); i++) {
        BodyPart child = multi.getBodyPart(i);
        out.addAll(leaves(child));
      }
    } else {
      out.add(part);
    }
    return out;
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
