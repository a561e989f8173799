package dev.keepsake.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Gotify ({@code notify.gotify: { url, token-file }}): {@code POST /message} with the application
 * token in {@code X-Gotify-Key} (never in the URL, where proxies log it); title, message, priority
 * 0–10, and the status page as the notification's click URL when one is known.
 */
public final class Gotify implements PushChannel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpUrl server;
  private final String token;
  private final HttpPush http;

  public Gotify(String url, String token, Duration timeout) {
    this.server = HttpPush.url("gotify", "url", url);
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("gotify.token-file: an application token is needed (Gotify: Apps → create)");
    }
    this.token = token;
    this.http = new HttpPush(timeout);
  }

  @Override
  public String name() {
    return "gotify";
  }

  @Override
  public String describe() {
    return "gotify " + server.scheme() + "://" + server.host() + ":" + server.port();
  }

  @Override
  public String check() throws PushException {
    http.call("gotify", new Request.Builder().url(server.newBuilder().addPathSegment("version").build()).build(), "");
    return "answers (an application token is only checked by sending: doctor --send-test)";
  }

  @Override
  public void send(Push push) throws PushException {
    ObjectNode body = JSON.createObjectNode();
    body.put("title", push.title());
    body.put("message", push.body());
    body.put("priority", push.priority().gotify());
    if (push.clickUrl() != null) {
      body.putObject("extras").putObject("client::notification").putObject("click").put("url", push.clickUrl());
    }
    HttpUrl message = server.newBuilder().addPathSegment("message").build();
    http.call("gotify", new Request.Builder().url(message).header("X-Gotify-Key", token)
        .post(RequestBody.create(body.toString(), MediaType.get("application/json; charset=utf-8"))).build(),
        "check gotify.token-file (an application token, not a client token)");
  }
}
