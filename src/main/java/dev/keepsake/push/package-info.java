/**
 * Push channels beside mail: ntfy, Gotify, a JSON webhook (Apprise-compatible) and a dead-man ping
 * (healthchecks-style). Each speaks its service's documented HTTP API through one hardened client
 * (timeouts, certificate checks, no redirect followed, so a token never travels to another host).
 * Secrets come from files and appear in no message, log line or exception. This package knows no
 * digest policy and no ledger: it delivers one {@link dev.keepsake.push.Push} and says which step
 * failed.
 */
package dev.keepsake.push;
