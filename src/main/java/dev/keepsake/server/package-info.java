/**
 * The service's small HTTP server, on loopback by default: {@code /healthz}, {@code /metrics}
 * (Prometheus text), {@code /api/status} (JSON) and {@code POST /api/ingest} for hooks. It reads
 * {@link dev.keepsake.ingest.ServiceStats} and writes to the ingest queue; it holds no other logic,
 * and never shows a secret.
 */
package dev.keepsake.server;
