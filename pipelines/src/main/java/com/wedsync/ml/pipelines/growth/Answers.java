package com.wedsync.ml.pipelines.growth;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Typed answers to the maps the SPI carries today, in one place. */
final class Answers {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Answers() {
    }

    static Map<String, Object> toMap(Object answer) {
        return MAPPER.convertValue(answer, new TypeReference<Map<String, Object>>() { });
    }
}
