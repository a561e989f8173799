package dev.keepsake.ledger;

import java.time.Clock;
import org.junit.jupiter.api.Timeout;

/** The store contract on the in-memory ledger a dry run uses when the archive has none yet. */
@Timeout(60)
class InMemoryLedgerStoresTest extends LedgerStoresContract {
  @Override
  Ledger open(Clock clock) {
    return Ledger.inMemory(clock);
  }
}
