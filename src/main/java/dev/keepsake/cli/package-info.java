/**
 * The command line (picocli). Thin: parse flags, build the object graph, call in, translate the
 * result into output and an exit code (0 all good, 1 some files failed, 2 usage or config error).
 */
package dev.keepsake.cli;
