/**
 * Syncthing's REST API: the events long-poll (never with an {@code events=} filter, never with
 * {@code limit=}), folder lookups, and the cursor that survives restarts on both sides. Facts this
 * relies on are in the team's SYNCTHING.md: ids restart at 1 when Syncthing restarts, a client that
 * falls behind silently loses events beyond the 1000 buffered, and raw events may carry secrets
 * (never log them).
 */
package dev.keepsake.syncthing;
