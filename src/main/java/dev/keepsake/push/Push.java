package dev.keepsake.push;

import java.util.List;

/**
 * One message for a push channel: a title, a short body, a priority that follows its meaning (a
 * loss or a silent phone high, a first notice default, resolved low), tags, an optional link to the
 * status page, and the structured form a webhook sends.
 *
 * @param clickUrl the status page ({@code server.public-url}), or null
 * @param json the webhook body (already JSON), or null to let the webhook send title and body only
 */
public record Push(String title, String body, Priority priority, List<String> tags, String clickUrl, String json) {
  /** Ordered low to high; each channel maps it onto its own scale. */
  public enum Priority {
    LOW, DEFAULT, HIGH;

    /** ntfy's 1–5 scale. */
    int ntfy() {
      return switch (this) {
        case LOW -> 2;
        case DEFAULT -> 3;
        case HIGH -> 5;
      };
    }

    /** Gotify's 0–10 scale (clients sound from 4, stay silent below). */
    int gotify() {
      return switch (this) {
        case LOW -> 2;
        case DEFAULT -> 5;
        case HIGH -> 8;
      };
    }

    /** Apprise's notification type. */
    String apprise() {
      return switch (this) {
        case LOW -> "success";
        case DEFAULT -> "warning";
        case HIGH -> "failure";
      };
    }
  }

  public Push {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
