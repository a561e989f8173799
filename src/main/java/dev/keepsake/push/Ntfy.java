package dev.keepsake.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * ntfy ({@code notify.ntfy: { url, topic, token-file }}): published as JSON to the server's root
 * (ntfy's "publish as JSON"), so titles in any language need no header encoding. Title, message,
 * priority 1–5, tags, and a click URL to the status page when one is known; the access token, when
 * given, as {@code Authorization: Bearer}.
 */
public final class Ntfy implements PushChannel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpUrl server;
  private final String topic;
  private final String token;
  private final HttpPush http;

  /** @param token null for a topic that needs none */
  public Ntfy(String url, String topic, String token, Duration timeout) {
    this.server = HttpPush.url("ntfy", "url", url);
    if (topic == null || !topic.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("ntfy.topic: '" + topic + "' is not a topic name (letters, digits, _ and -, up to 64)");
    }
    this.topic = topic;
    this.token = token;
    this.http = new HttpPush(timeout);
  }

  @Override
  public String name() {
    return "ntfy";
  }

  @Override
  public String describe() {
    return "ntfy " + server.scheme() + "://" + server.host() + ":" + server.port() + " topic " + topic;
  }

  @Override
  public String check() throws PushException {
    http.call("ntfy", new Request.Builder().url(server.newBuilder().encodedPath("/v1/health").build()).build(), "");
    if (token == null) {
      return "answers (no token configured)";
    }
    http.call("ntfy", new Request.Builder().url(server.newBuilder().encodedPath("/v1/account").build())
        .header("Authorization", "Bearer " + token).build(), "check ntfy.token-file");
    return "answers and accepts the token";
  }

  @Override
  public void send(Push push) throws PushException {
    ObjectNode body = JSON.createObjectNode();
    body.put("topic", topic);
    body.put("title", push.title());
    body.put("message", push.body());
    body.put("priority", push.priority().ntfy());
    push.tags().forEach(body.putArray("tags")::add);
    if (push.clickUrl() != null) {
      body.put("click", push.clickUrl());
    }
    Request.Builder request = new Request.Builder().url(server.newBuilder().encodedPath("/").build())
        .post(RequestBody.create(body.toString(), MediaType.get("application/json; charset=utf-8")));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    http.call("ntfy", request.build(), "check ntfy.token-file (an access token with write access to " + topic + ")");
  }
}
