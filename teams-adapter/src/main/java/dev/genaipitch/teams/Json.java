package dev.genaipitch.teams;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The adapter's one JSON mapper: reads activities as trees, writes cards and responses from
 * records.
 */
final class Json {

  static final ObjectMapper MAPPER = reflective().addModule(CardJson.module()).build();

  /**
   * The mapper's rules without {@link CardJson}'s writers: cards and activities written from their
   * records' annotations by reflection, the JSON {@link CardJson} must give.
   */
  static JsonMapper.Builder reflective() {
    return JsonMapper.builder()
        .defaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      // Our own records always serialize; failing here is a programming error.
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
