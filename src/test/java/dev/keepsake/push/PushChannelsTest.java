package dev.keepsake.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keepsake.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each channel against a local server that answers as the service's documented API does: the
 * request's shape, headers and auth; its error answers named by step; a redirect never followed
 * with the token; and no token in any message.
 */
@Timeout(30)
class PushChannelsTest {
  private static final String TOKEN = "tk_SECRET_0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private MockWebServer server;
  private MockWebServer elsewhere;

  private final Push loss = new Push("[keepsake nas] 1 file LOST", "pixel: DCIM/IMG_9.jpg left the phone unarchived",
      Push.Priority.HIGH, List.of("warning"), "https://nas.example/keepsake/", "{\"reason\":\"lost\",\"count\":1}");

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    elsewhere = new MockWebServer();
    elsewhere.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
    elsewhere.shutdown();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getPort();
  }

  @Test
  void ntfyPublishesJsonToTheRootWithTheBearerToken() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"id\":\"x\"}"));
    new Ntfy(base(), "keepsake-alerts", TOKEN, TIMEOUT).send(loss);
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getPath()).isEqualTo("/");
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    JsonNode body = JSON.readTree(r.getBody().readUtf8());
    assertThat(body.path("topic").asText()).isEqualTo("keepsake-alerts");
    assertThat(body.path("title").asText()).isEqualTo(loss.title());
    assertThat(body.path("message").asText()).isEqualTo(loss.body());
    assertThat(body.path("priority").asInt()).isEqualTo(5);
    assertThat(body.path("tags").get(0).asText()).isEqualTo("warning");
    assertThat(body.path("click").asText()).isEqualTo("https://nas.example/keepsake/");
  }

  @Test
  void gotifyPostsAMessageWithTheAppTokenInItsHeader() throws Exception {
    server.enqueue(new MockResponse().setBody("{\"id\":1}"));
    new Gotify(base() + "/gotify", TOKEN, TIMEOUT).send(new Push("resolved", "all archived", Push.Priority.LOW, List.of(), null, null));
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getPath()).isEqualTo("/gotify/message").doesNotContain(TOKEN);
    assertThat(r.getHeader("X-Gotify-Key")).isEqualTo(TOKEN);
    JsonNode body = JSON.readTree(r.getBody().readUtf8());
    assertThat(body.path("title").asText()).isEqualTo("resolved");
    assertThat(body.path("priority").asInt()).isEqualTo(2);
  }

  @Test
  void theWebhookCarriesApprisesFieldsAndKeepsakesOwn() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(204));
    new Webhook(base() + "/notify/keepsake", TOKEN, TIMEOUT).send(loss);
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(r.getPath()).isEqualTo("/notify/keepsake");
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(r.getBody().readUtf8());
    assertThat(body.path("title").asText()).isEqualTo(loss.title());
    assertThat(body.path("body").asText()).isEqualTo(loss.body());
    assertThat(body.path("type").asText()).isEqualTo("failure");
    assertThat(body.path("reason").asText()).isEqualTo("lost");
    assertThat(body.path("count").asInt()).isEqualTo(1);
  }

  @Test
  void aRefusedTokenAServerErrorAndADeadServerNameTheStepAndNeverTheToken() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":\"unauthorized " + TOKEN + "\"}"));
    assertThatThrownBy(() -> new Ntfy(base(), "t", TOKEN, TIMEOUT).send(loss)).isInstanceOf(PushException.class)
        .hasMessageContaining("refused the token").hasMessageContaining("ntfy.token-file").hasMessageNotContaining(TOKEN);
    server.enqueue(new MockResponse().setResponseCode(500).setBody("database locked"));
    assertThatThrownBy(() -> new Gotify(base(), TOKEN, TIMEOUT).send(loss))
        .hasMessageContaining("HTTP 500").hasMessageContaining("database locked").hasMessageNotContaining(TOKEN);
    int port = server.getPort();
    server.shutdown();
    assertThatThrownBy(() -> new Webhook("http://127.0.0.1:" + port + "/hook", TOKEN, TIMEOUT).send(loss))
        .hasMessageContaining("connect").hasMessageNotContaining(TOKEN);
  }

  @Test
  void aRedirectToAnotherHostIsNotFollowedSoTheTokenStaysHome() throws Exception {
    String other = "http://localhost:" + elsewhere.getPort() + "/steal";
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", other));
    elsewhere.enqueue(new MockResponse().setBody("{}"));
    assertThatThrownBy(() -> new Ntfy(base(), "t", TOKEN, TIMEOUT).send(loss))
        .hasMessageContaining("redirect").hasMessageContaining("not followed").hasMessageNotContaining(TOKEN);
    assertThat(elsewhere.getRequestCount()).isZero();
  }

  @Test
  void aSlowServerTimesOut() {
    server.enqueue(new MockResponse().setBody("{}").setHeadersDelay(2, TimeUnit.SECONDS));
    long started = System.nanoTime();
    assertThatThrownBy(() -> new Ntfy(base(), "t", null, Duration.ofMillis(300)).send(loss)).hasMessageContaining("in time");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void thePingTellsHealthEveryFewMinutesAndFailAtOnce() throws Exception {
    FakeClock clock = new FakeClock(Instant.parse("2026-12-02T10:00:00Z"));
    Ping ping = new Ping(base() + "/ping/5f1c-uuid", Duration.ofMinutes(5), TIMEOUT, clock);
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setBody("OK"));
    }
    assertThat(ping.tick(null)).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(ping.tick(null)).as("healthy again within 5 min: no ping").isFalse();
    assertThat(ping.tick("1 file waiting [io-error]")).as("the state turned: at once").isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(ping.tick("1 file waiting [io-error]")).isFalse();
    clock.advance(Duration.ofMinutes(5));
    assertThat(ping.tick(null)).isTrue();
    assertThat(server.takeRequest().getPath()).isEqualTo("/ping/5f1c-uuid");
    RecordedRequest fail = server.takeRequest();
    assertThat(fail.getPath()).isEqualTo("/ping/5f1c-uuid/fail");
    assertThat(fail.getBody().readUtf8()).isEqualTo("1 file waiting [io-error]");
    assertThat(server.takeRequest().getPath()).isEqualTo("/ping/5f1c-uuid");
    assertThat(ping.describe()).doesNotContain("5f1c");
  }

  @Test
  void badSettingsAreRefusedWithTheKeyAndTheFix() {
    assertThatThrownBy(() -> new Ntfy("not a url", "t", null, TIMEOUT)).hasMessageContaining("ntfy.url");
    assertThatThrownBy(() -> new Ntfy(base(), "a/b", null, TIMEOUT)).hasMessageContaining("ntfy.topic");
    assertThatThrownBy(() -> new Gotify(base(), " ", TIMEOUT)).hasMessageContaining("gotify.token-file");
  }
}
