package dev.keepsake.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A JSON webhook ({@code notify.webhook: { url, token-file?, format: json }}): a POST of the digest
 * as JSON. It carries Apprise's fields ({@code title}, {@code body}, {@code type}), so an Apprise
 * API server takes it as is, and Keepsake's own (the reason, per-source safe lines, incidents with
 * counts and sample paths) for Home Assistant or n8n. The token, when given, as a bearer.
 */
public final class Webhook implements PushChannel {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpUrl url;
  private final String token;
  private final HttpPush http;

  public Webhook(String url, String token, Duration timeout) {
    this.url = HttpPush.url("webhook", "url", url);
    this.token = token;
    this.http = new HttpPush(timeout);
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public String describe() {
    return "webhook " + url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
  }

  @Override
  public String check() throws PushException {
    HttpPush.reachable("webhook", url, http.timeout);
    return "accepts connections (nothing is posted unless doctor --send-test)";
  }

  @Override
  public void send(Push push) throws PushException {
    ObjectNode body;
    try {
      body = push.json() == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(push.json());
    } catch (JsonProcessingException | ClassCastException e) {
      throw new PushException("webhook: the digest is not a JSON object (a bug: please report it)", e);
    }
    body.put("title", push.title());
    body.put("body", push.body());
    body.put("type", push.priority().apprise());
    body.put("priority", push.priority().name().toLowerCase(java.util.Locale.ROOT));
    Request.Builder request = new Request.Builder().url(url)
        .post(RequestBody.create(body.toString(), MediaType.get("application/json; charset=utf-8")));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    http.call("webhook", request.build(), "check webhook.token-file");
  }
}
