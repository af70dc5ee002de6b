package io.dockerdebug.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link Json} values from jackson-core's streaming parser. */
final class JsonReader {
    private JsonReader() {
    }

    static Json parse(byte[] bytes) {
        try (JsonParser p = Json.FACTORY.createParser(bytes)) {
            return single(p);
        } catch (IOException e) {
            throw new Json.JsonException(e);
        }
    }

    static Json parse(String text) {
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            return single(p);
        } catch (IOException e) {
            throw new Json.JsonException(e);
        }
    }

    /** The parser's next value, or null at its end. */
    static Json next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == null ? null : read(p, t);
    }

    private static Json single(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new Json.JsonException("no JSON value");
        }
        Json v = read(p, first);
        if (p.nextToken() != null) {
            throw new Json.JsonException("more than one JSON value");
        }
        return v;
    }

    private static Json read(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Json> fields = new LinkedHashMap<>();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    fields.put(name, read(p, p.nextToken()));
                }
                yield new Json(Json.Kind.OBJECT, fields);
            }
            case START_ARRAY -> {
                List<Json> elements = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (e == null) {
                        throw new Json.JsonException("unexpected end of JSON");
                    }
                    elements.add(read(p, e));
                }
                yield new Json(Json.Kind.ARRAY, elements);
            }
            case VALUE_STRING -> new Json(Json.Kind.STRING, p.getText());
            case VALUE_NUMBER_INT -> new Json(Json.Kind.NUMBER, switch (p.getNumberType()) {
                case INT, LONG -> p.getLongValue();
                default -> p.getBigIntegerValue();
            });
            case VALUE_NUMBER_FLOAT -> new Json(Json.Kind.NUMBER, p.getDecimalValue());
            case VALUE_TRUE -> Json.of(true);
            case VALUE_FALSE -> Json.of(false);
            case VALUE_NULL -> Json.NULL;
            default -> throw new Json.JsonException("unexpected " + t + " in JSON");
        };
    }
}
