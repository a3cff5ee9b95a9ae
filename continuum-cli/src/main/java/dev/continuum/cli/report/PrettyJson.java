package dev.continuum.cli.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The CLI's JSON output: trees built with Jackson's node factory, written indented. The ObjectMapper is made on
 * first write only: its class set-up (date formats, locale data) costs ~50 ms, which commands that print no JSON
 * should not pay at start-up.
 */
public final class PrettyJson {

    private PrettyJson() {
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** An empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** {@code node} as indented JSON text, without a final newline. */
    public static String write(JsonNode node) {
        try {
            return Mapper.INSTANCE.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
