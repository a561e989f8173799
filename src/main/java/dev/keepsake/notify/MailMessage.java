package dev.keepsake.notify;

/**
 * One mail: subject, plain text, HTML (with the same numbers), and an optional PNG shown inline in
 * the HTML as {@code cid:chart}.
 */
public record MailMessage(String subject, String text, String html, byte[] chartPng) {}
