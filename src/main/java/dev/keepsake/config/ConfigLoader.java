package dev.keepsake.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Reads {@code keepsake.yaml}. Unknown keys are errors (a typo must not silently mean "default"),
 * reported with the full key path and the nearest valid key.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ConfigLoader() {}

  public static KeepsakeConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist: check --config (an example is config/keepsake.example.yaml)");
    } catch (IOException e) {
      throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
    }
    return parse(file.toString(), text);
  }

  static KeepsakeConfig parse(String name, String text) throws ConfigException {
    try {
      KeepsakeConfig config = YAML.readValue(text, KeepsakeConfig.class);
      if (config == null) {
        throw new ConfigException("config file " + name + " is empty: see config/keepsake.example.yaml");
      }
      return config;
    } catch (UnrecognizedPropertyException e) {
      String key = keyPath(e);
      String nearest = nearest(e.getPropertyName(), e.getKnownPropertyIds());
      throw new ConfigException("config " + name + where(e) + ": unknown key '" + key + "'"
          + (nearest != null ? " — did you mean '" + nearest + "'?" : "")
          + " Valid keys there: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
    } catch (MismatchedInputException e) {
      throw new ConfigException("config " + name + where(e) + ": key '" + keyPath(e) + "' has the wrong type ("
          + firstLine(e.getOriginalMessage()) + "); see config/keepsake.example.yaml for its form");
    } catch (JsonMappingException e) {
      throw new ConfigException("config " + name + where(e) + ": key '" + keyPath(e) + "': " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw new ConfigException("config " + name + where(e) + " is not valid YAML: " + firstLine(e.getOriginalMessage()));
    }
  }

  private static String keyPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ")";
  }

  private static String firstLine(String message) {
    String m = String.valueOf(message);
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The known key closest to a typo, if any is close enough to be a likely meaning. */
  static String nearest(String typo, Collection<Object> known) {
    return known.stream().map(String::valueOf)
        .min(Comparator.comparingInt(k -> distance(typo, k)))
        .filter(k -> distance(typo, k) <= Math.max(2, k.length() / 3))
        .orElse(null);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
