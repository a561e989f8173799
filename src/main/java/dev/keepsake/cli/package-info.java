/**
 * The command line (picocli). Thin: parse flags and load the configuration, call {@code app} (the
 * composition root and the service) or a leaf package, translate the result into output and an
 * exit code (0 all good, 1 some files failed, 2 usage or config error). It opens no ledger of its
 * own for ingesting, wires no service and decides no health.
 */
package dev.keepsake.cli;
