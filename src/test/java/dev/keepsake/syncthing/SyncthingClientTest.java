package dev.keepsake.syncthing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The REST client against a fake Syncthing (MockWebServer): answers and failures as 1.19 gives them. */
@Timeout(60)
class SyncthingClientTest {
  private static final String KEY = "secret-api-key-never-logged";
  MockWebServer server;
  SyncthingClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    client = new SyncthingClient(server.url("/").toString(), KEY);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  @Test
  void sendsTheKeyAndAsksForEventsWithoutAFilter() throws Exception {
    server.enqueue(new MockResponse().setBody("""
        [{"id":7,"globalID":30,"time":"2026-11-26T18:40:17Z","type":"ItemFinished",
          "data":{"action":"update","error":null,"folder":"phone-camera","item":"DCIM/IMG_1.jpg","type":"file"}},
         {"id":8,"type":"SomeFutureEvent","data":{"whatever":[1,2]}},
         {"id":9,"type":"ConfigSaved","data":{"gui":{"apiKey":"xyz"}}}]"""));
    var events = client.events(6, 60).events();
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeader("X-API-Key")).isEqualTo(KEY);
    assertThat(request.getPath()).isEqualTo("/rest/events?since=6&timeout=60");
    assertThat(events).hasSize(3);
    assertThat(events.get(0).isFileFinished()).isTrue();
    assertThat(events.get(0).item()).isEqualTo("DCIM/IMG_1.jpg");
    assertThat(events.get(1).isFileFinished()).isFalse();
  }

  @Test
  void readsFolderPathVersioningAndIgnoreDelete() throws Exception {
    server.enqueue(new MockResponse().setBody(
        "{\"id\":\"phone-camera\",\"path\":\"/srv/sync/pixel\",\"ignoreDelete\":false,\"versioning\":{\"type\":\"trashcan\"}}"));
    FolderInfo folder = client.folder("phone-camera");
    assertThat(folder.path()).hasToString("/srv/sync/pixel");
    assertThat(folder.keepsDeletedFiles()).isTrue();
  }

  @Test
  void aRejectedKeySaysWhereToLookAndNeverShowsTheKey() {
    server.enqueue(new MockResponse().setResponseCode(403).setBody("CSRF Error\n"));
    server.enqueue(new MockResponse().setResponseCode(401).setBody("Not Authorized\n"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(client::ping).isInstanceOfSatisfying(SyncthingException.class, e -> {
        assertThat(e.kind()).isEqualTo(SyncthingException.Kind.AUTH);
        assertThat(e.getMessage()).contains("API key rejected: check syncthing.api-key-file").doesNotContain(KEY);
      });
    }
  }

  @Test
  void hostCheckAndUnknownFolderAreNamed() {
    server.enqueue(new MockResponse().setResponseCode(403).setBody("Host check error\n"));
    assertThatThrownBy(client::ping).isInstanceOfSatisfying(SyncthingException.class,
        e -> assertThat(e.kind()).isEqualTo(SyncthingException.Kind.HOST_CHECK));
    server.enqueue(new MockResponse().setResponseCode(404).setBody("No folder with given ID\n"));
    assertThatThrownBy(() -> client.folder("nope")).isInstanceOfSatisfying(SyncthingException.class,
        e -> assertThat(e.kind()).isEqualTo(SyncthingException.Kind.NOT_FOUND));
  }

  @Test
  void aTruncatedBodyIsAConnectionProblemNotACrash() {
    server.enqueue(new MockResponse().setBody("[{\"id\":1,\"type\":\"ItemFinished\",\"data\":{\"folder\":\"a\"}},"
        + "{\"id\":2,").setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));
    assertThatThrownBy(() -> client.events(0, 60)).isInstanceOfSatisfying(SyncthingException.class,
        e -> assertThat(e.kind()).isEqualTo(SyncthingException.Kind.UNREACHABLE));
  }

  @Test
  void nobodyListeningIsUnreachable() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    SyncthingClient down = new SyncthingClient("http://127.0.0.1:" + port, KEY);
    assertThatThrownBy(down::ping).isInstanceOfSatisfying(SyncthingException.class, e -> {
      assertThat(e.kind()).isEqualTo(SyncthingException.Kind.UNREACHABLE);
      assertThat(e.getMessage()).contains("is Syncthing running");
    });
  }
}
