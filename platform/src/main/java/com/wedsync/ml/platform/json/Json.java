package com.wedsync.ml.platform.json;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON for JSONB columns: one mapper, maps in and out. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static String write(Object value) {
        return value == null ? null : MAPPER.writeValueAsString(value);
    }

    public static Map<String, Object> readMap(String json) {
        return json == null ? Map.of() : MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    /** A value (e.g. a model's prediction record) as the JSON object it writes as. */
    public static Map<String, Object> toMap(Object value) {
        return value == null ? Map.of() : MAPPER.convertValue(value, new TypeReference<Map<String, Object>>() { });
    }

    public static <T> T read(String json, Class<T> type) {
        return json == null ? null : MAPPER.readValue(json, type);
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
