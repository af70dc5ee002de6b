package io.dockerdebug.json;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** {@link Json} values written with jackson-core's generator. */
final class JsonWriter {
    private JsonWriter() {
    }

    /** See {@link Json#toBytes()}. */
    static byte[] bytes(Json json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            write(g, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** See {@link Json#toString()} and {@link Json#toPrettyString()}. */
    static String text(Json json, boolean pretty) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Json json) throws IOException {
        Object value = json.value;
        switch (json.kind) {
            case OBJECT -> {
                g.writeStartObject();
                for (Map.Entry<String, Json> e : json.fields().entrySet()) {
                    g.writeFieldName(e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (Json e : json.elements()) {
                    write(g, e);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString((String) value);
            case NUMBER -> {
                switch (value) {
                    case Long l -> g.writeNumber(l);
                    case BigInteger b -> g.writeNumber(b);
                    case BigDecimal d -> g.writeNumber(d);
                    case Double d -> g.writeNumber(d);
                    case Float f -> g.writeNumber(f);
                    default -> g.writeNumber(value.toString());
                }
            }
            case BOOLEAN -> g.writeBoolean((Boolean) value);
            case NULL -> g.writeNull();
            case MISSING -> throw new IllegalStateException("a missing value has no JSON");
        }
    }
}
