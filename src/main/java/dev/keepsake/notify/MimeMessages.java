package dev.keepsake.notify;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Turns a {@link MailMessage} into MIME: {@code multipart/alternative} of plain text and HTML, the
 * HTML in a {@code multipart/related} with its chart as an inline part ({@code cid:chart}).
 */
final class MimeMessages {
  private MimeMessages() {}

  static MimeMessage build(Session session, String from, List<String> to, MailMessage mail, Instant now)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(from));
    for (String address : to) {
      message.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(address));
    }
    message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(Date.from(now));
    message.setHeader("Auto-Submitted", "auto-generated");

    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), StandardCharsets.UTF_8.name());
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");

    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    if (mail.chartPng() == null) {
      alternative.addBodyPart(html);
    } else {
      MimeMultipart related = new MimeMultipart("related");
      related.addBodyPart(html);
      MimeBodyPart chart = new MimeBodyPart();
      chart.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.chartPng(), "image/png")));
      chart.setContentID("<chart>");
      chart.setDisposition(MimeBodyPart.INLINE);
      chart.setFileName("chart.png");
      related.addBodyPart(chart);
      MimeBodyPart relatedPart = new MimeBodyPart();
      relatedPart.setContent(related);
      alternative.addBodyPart(relatedPart);
    }
    message.setContent(alternative);
    message.saveChanges();
    return message;
  }
}
