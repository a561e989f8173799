/**
 * Telling the owner, briefly: the error journal ({@link ErrorJournal#record}: O(1), no I/O), the
 * digest policy (Alertmanager's timing model — timers drive sending, events only change state), the
 * mail transports (SMTP, or {@code .eml} files in an outbox), and the weekly ingest report.
 */
package dev.keepsake.notify;
