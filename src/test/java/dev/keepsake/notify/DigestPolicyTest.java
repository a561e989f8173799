package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keepsake.notify.DigestPolicy.Standing;
import dev.keepsake.notify.DigestPolicy.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DigestPolicyTest {
  final DigestPolicy policy = new DigestPolicy(DigestPolicy.Timings.DEFAULT);
  final Instant t0 = Instant.parse("2026-11-23T00:00:00Z");

  private Standing standing(String kind, Instant first, boolean announced, State state) {
    return Standing.of(new Incident(Fingerprint.of(kind, "pixel", "DCIM/x.jpg"), first, first, 1, List.of("DCIM/x.jpg"),
        "m", announced), state);
  }

  @Test
  void waitsForGroupWaitBeforeTheFirstNotice() {
    Standing fresh = standing("io-error", t0, false, State.OPEN);
    assertThat(policy.decide(List.of(fresh), null, t0.plusSeconds(60))).isNull();
    assertThat(policy.decide(List.of(fresh), null, t0.plusSeconds(120)).reason()).isEqualTo(DigestPolicy.Reason.FIRST_NOTICE);
  }

  @Test
  void remindsWhileOpenAndSaysResolvedOnlyForWhatIsResolved() {
    Instant lastSent = t0.plus(Duration.ofMinutes(2));
    Standing open = standing("io-error", t0, true, State.OPEN);
    assertThat(policy.decide(List.of(open), lastSent, t0.plus(Duration.ofHours(20)))).isNull();
    assertThat(policy.decide(List.of(open), lastSent, t0.plus(Duration.ofHours(25))).reason()).isEqualTo(DigestPolicy.Reason.REMINDER);
    assertThat(policy.decide(List.of(open), lastSent, t0.plus(Duration.ofDays(30))).reason())
        .as("a problem that lasts is reminded of, never resolved").isEqualTo(DigestPolicy.Reason.REMINDER);
    Standing clearing = standing("io-error", t0, true, State.CLEARING);
    assertThat(policy.decide(List.of(clearing), lastSent, t0.plus(Duration.ofHours(25)))).as("neither open nor resolved").isNull();
    Standing resolved = standing("io-error", t0, true, State.RESOLVED);
    assertThat(policy.decide(List.of(resolved), lastSent, t0.plus(Duration.ofHours(3))).reason())
        .isEqualTo(DigestPolicy.Reason.ALL_RESOLVED);
  }

  @Test
  void someResolvedWaitsForTheGroupInterval() {
    Standing gone = standing("a", t0, true, State.RESOLVED);
    Standing open = standing("b", t0, true, State.OPEN);
    Instant now = t0.plus(Duration.ofHours(3));
    assertThat(policy.decide(List.of(gone, open), now.minusSeconds(60), now)).isNull();
    assertThat(policy.decide(List.of(gone, open), now.minus(Duration.ofMinutes(31)), now).reason())
        .isEqualTo(DigestPolicy.Reason.SOME_RESOLVED);
  }

  @Test
  void aLossIsToldEvenAfterTheIncidentWasAnnouncedAndNeverAsResolved() {
    Standing lost = standing("io-error", t0, true, State.LOST);
    DigestPolicy.Decision d = policy.decide(List.of(lost), t0.plus(Duration.ofMinutes(2)), t0.plus(Duration.ofHours(3)));
    assertThat(d.reason()).isEqualTo(DigestPolicy.Reason.FIRST_NOTICE);
    assertThat(d.told()).containsExactly(lost);
    assertThat(d.resolved()).isEmpty();
  }
}
