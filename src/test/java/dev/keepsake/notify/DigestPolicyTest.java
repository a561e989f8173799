package dev.keepsake.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestPolicyTest {
  final DigestPolicy policy = new DigestPolicy(DigestPolicy.Timings.DEFAULT);
  final Instant t0 = Instant.parse("2026-11-23T00:00:00Z");

  private Incident incident(String kind, Instant first, Instant last, boolean announced) {
    return new Incident(Fingerprint.of(kind, "pixel", "DCIM/x.jpg"), first, last, 1, List.of("DCIM/x.jpg"), "m", announced);
  }

  @Test
  void waitsForGroupWaitBeforeTheFirstNotice() {
    Incident fresh = incident("io-error", t0, t0, false);
    assertThat(policy.decide(List.of(fresh), null, t0.plusSeconds(60))).isNull();
    assertThat(policy.decide(List.of(fresh), null, t0.plusSeconds(120)).reason()).isEqualTo(DigestPolicy.Reason.FIRST_NOTICE);
  }

  @Test
  void remindsAfterRepeatIntervalAndSaysWhenResolved() {
    Incident open = incident("io-error", t0, t0.plus(Duration.ofHours(30)), true);
    Instant lastSent = t0.plus(Duration.ofMinutes(2));
    assertThat(policy.decide(List.of(open), lastSent, t0.plus(Duration.ofHours(20)))).isNull();
    assertThat(policy.decide(List.of(open), lastSent, t0.plus(Duration.ofHours(25))).reason()).isEqualTo(DigestPolicy.Reason.REMINDER);
    assertThat(policy.decide(List.of(open), lastSent, t0.plus(Duration.ofHours(33))).reason()).isEqualTo(DigestPolicy.Reason.ALL_RESOLVED);
  }

  @Test
  void someResolvedWaitsForTheGroupInterval() {
    Incident gone = incident("a", t0, t0, true);
    Incident open = incident("b", t0, t0.plus(Duration.ofHours(3)), true);
    Instant now = t0.plus(Duration.ofHours(3));
    assertThat(policy.decide(List.of(gone, open), now.minusSeconds(60), now)).isNull();
    assertThat(policy.decide(List.of(gone, open), now.minus(Duration.ofMinutes(31)), now).reason())
        .isEqualTo(DigestPolicy.Reason.SOME_RESOLVED);
  }
}
