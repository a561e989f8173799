package dev.keepsake.ledger;

/** Facts about the ledger format that other parts (doctor) may know without opening one. */
public final class LedgerInfo {
  private LedgerInfo() {}

  /** The schema version this Keepsake writes. */
  public static int currentSchema() {
    return Schema.currentVersion();
  }
}
