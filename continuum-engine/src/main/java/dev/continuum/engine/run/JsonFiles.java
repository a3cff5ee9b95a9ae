package dev.continuum.engine.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON trees with Jackson's streaming generator alone: an ObjectMapper's class set-up (date formats, locale
 * data) costs ~50 ms of a run's start-up, and writing the event payload needs none of it.
 */
final class JsonFiles {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonFiles() {
    }

    /** Writes {@code node} to {@code file}, indented as Jackson's default pretty printer does. */
    static void writePretty(JsonNode node, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator g = FACTORY.createGenerator(out).useDefaultPrettyPrinter()) {
            write(node, g);
        }
    }

    private static void write(JsonNode node, JsonGenerator g) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    g.writeFieldName(e.getKey());
                    write(e.getValue(), g);
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode item : node) {
                    write(item, g);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(node.textValue());
            case BOOLEAN -> g.writeBoolean(node.booleanValue());
            case NUMBER -> {
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) {
                        g.writeNumber(node.longValue());
                    } else {
                        g.writeNumber(node.bigIntegerValue());
                    }
                } else if (node.isBigDecimal()) {
                    g.writeNumber(node.decimalValue());
                } else {
                    g.writeNumber(node.doubleValue());
                }
            }
            case NULL, MISSING, POJO, BINARY -> g.writeNull();
        }
    }
}
