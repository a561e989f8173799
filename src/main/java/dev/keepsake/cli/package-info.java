/**
 * The command line (picocli). Thin: parse flags and load the configuration, call {@code app} (the
 * composition root and the service) or a leaf package, translate the result into output and an
 * exit code (0 all good, 1 some files failed, 2 usage or config error). It opens no ledger and
 * takes no lock of its own (a command that reads the ledger gets it from {@code app.Keepsake}),
 * wires no service and decides no health.
 */
package dev.keepsake.cli;
