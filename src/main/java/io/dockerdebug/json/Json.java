package io.dockerdebug.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value, read and written with jackson-core's streaming parser and generator: the few
 * fields the engine layer reads from the Engine API's answers, the small bodies it sends, and the
 * server's answers. (jackson-databind did the same with 1.7 MB of jar and ~380 more classes that
 * every start-up linked from the AOT cache.)
 *
 * <p>Reads follow {@code JsonNode}'s: {@link #path} of what is absent is {@link #MISSING} (whose
 * fields are missing too), {@link #asText()} of a number is its digits, of null "null", of a
 * container or a missing value "". Objects keep their fields' order; a repeated field keeps the
 * last value. Objects and arrays made with {@link #object()} and {@link #array()} are mutable.
 */
public final class Json implements Iterable<Json> {
    static final JsonFactory FACTORY = new JsonFactory();

    /** What {@link #path} gives for an absent field or element. */
    public static final Json MISSING = new Json(Kind.MISSING, null);
    public static final Json NULL = new Json(Kind.NULL, null);
    private static final Json TRUE = new Json(Kind.BOOLEAN, Boolean.TRUE);
    private static final Json FALSE = new Json(Kind.BOOLEAN, Boolean.FALSE);

    enum Kind { MISSING, NULL, BOOLEAN, NUMBER, STRING, ARRAY, OBJECT }

    final Kind kind;
    /** Boolean, Number (Long, BigInteger, Double or BigDecimal), String, List or Map; null for null and missing. */
    final Object value;

    Json(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    // ---- making values

    /** An empty object to fill. */
    public static Json object() {
        return new Json(Kind.OBJECT, new LinkedHashMap<String, Json>());
    }

    /** An empty array to fill. */
    public static Json array() {
        return new Json(Kind.ARRAY, new ArrayList<Json>());
    }

    /** A string, or {@link #NULL} for null. */
    public static Json of(String s) {
        return s == null ? NULL : new Json(Kind.STRING, s);
    }

    public static Json of(boolean b) {
        return b ? TRUE : FALSE;
    }

    public static Json of(long n) {
        return new Json(Kind.NUMBER, n);
    }

    /** An array of strings. */
    public static Json strings(List<String> values) {
        Json a = array();
        values.forEach(a::add);
        return a;
    }

    /**
     * A value from plain Java: {@link Json}, null, String, Boolean, Number, a Map (keys as
     * strings, in its iteration order), a List or other Iterable, or a {@link Writable}.
     */
    public static Json from(Object o) {
        return JavaValues.toJson(o);
    }

    /** A value that says how it looks in JSON (a record of an API answer). */
    public interface Writable {
        Json toJson();
    }

    /** Sets a field of this object (replacing one of the same name); returns this object. */
    public Json put(String field, Json v) {
        fields().put(field, v == null ? NULL : v);
        return this;
    }

    public Json put(String field, String v) {
        return put(field, of(v));
    }

    public Json put(String field, boolean v) {
        return put(field, of(v));
    }

    public Json put(String field, long v) {
        return put(field, of(v));
    }

    /** Sets the field only to a non-empty string. */
    public Json putIfSet(String field, String v) {
        return v == null || v.isEmpty() ? this : put(field, v);
    }

    /** Appends to this array; returns this array. */
    public Json add(Json v) {
        elements().add(v == null ? NULL : v);
        return this;
    }

    public Json add(String v) {
        return add(of(v));
    }

    // ---- reading values

    /** The field's value, or {@link #MISSING} when this is no object or has no such field. */
    public Json path(String field) {
        if (kind != Kind.OBJECT) {
            return MISSING;
        }
        Json v = fields().get(field);
        return v == null ? MISSING : v;
    }

    /** The element at {@code index}, or {@link #MISSING}. */
    public Json path(int index) {
        if (kind != Kind.ARRAY || index < 0 || index >= elements().size()) {
            return MISSING;
        }
        return elements().get(index);
    }

    /** The field's value (JSON null included), or null when absent. */
    public Json get(String field) {
        Json v = path(field);
        return v.isMissing() ? null : v;
    }

    /** Whether the field is there with a value other than null. */
    public boolean hasNonNull(String field) {
        Json v = path(field);
        return !v.isMissing() && !v.isNull();
    }

    /** The field's text, or null when absent or null. */
    public String text(String field) {
        Json v = path(field);
        return v.isMissing() || v.isNull() ? null : v.asText();
    }

    public boolean isMissing() {
        return kind == Kind.MISSING;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    public boolean isTextual() {
        return kind == Kind.STRING;
    }

    public boolean isNumber() {
        return kind == Kind.NUMBER;
    }

    public boolean isBoolean() {
        return kind == Kind.BOOLEAN;
    }

    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    /** A string's value, a number's or boolean's text, "null" for null, "" for the rest. */
    public String asText() {
        return switch (kind) {
            case STRING -> (String) value;
            case NUMBER -> numberText();
            case BOOLEAN -> value.toString();
            case NULL -> "null";
            default -> "";
        };
    }

    /** {@link #asText()}, or {@code fallback} when missing or null. */
    public String asText(String fallback) {
        return kind == Kind.MISSING || kind == Kind.NULL ? fallback : asText();
    }

    /** A boolean, a number (not 0) or the string "true"; {@code fallback} for anything else. */
    public boolean asBoolean(boolean fallback) {
        return switch (kind) {
            case BOOLEAN -> (Boolean) value;
            case NUMBER -> ((Number) value).longValue() != 0;
            case STRING -> "true".equals(((String) value).trim()) || !"false".equals(((String) value).trim()) && fallback;
            default -> fallback;
        };
    }

    /** A number (or a numeric string) that fits a long, else {@code fallback}. */
    public long asLong(long fallback) {
        if (kind == Kind.NUMBER) {
            return JavaValues.toLong((Number) value, fallback);
        }
        if (kind == Kind.STRING) {
            try {
                return Long.parseLong(((String) value).trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    public long asLong() {
        return asLong(0);
    }

    /** A number (or a numeric string) that fits an int, else {@code fallback}. */
    public int asInt(int fallback) {
        long l = asLong(Long.MIN_VALUE);
        return l == Long.MIN_VALUE || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE ? fallback : (int) l;
    }

    /** Elements of an array, values of an object; nothing for the rest. */
    @Override
    public Iterator<Json> iterator() {
        return switch (kind) {
            case ARRAY -> Collections.unmodifiableList(elements()).iterator();
            case OBJECT -> Collections.unmodifiableCollection(fields().values()).iterator();
            default -> Collections.emptyIterator();
        };
    }

    /** An object's fields in order; none for the rest. */
    public Map<String, Json> properties() {
        return kind == Kind.OBJECT ? Collections.unmodifiableMap(fields()) : Map.of();
    }

    /** Elements of an array, fields of an object, 0 for the rest. */
    public int size() {
        return switch (kind) {
            case ARRAY -> elements().size();
            case OBJECT -> fields().size();
            default -> 0;
        };
    }

    /** An array's elements as text (see {@link #asText()}); empty for anything else. */
    public List<String> stringList() {
        List<String> all = new ArrayList<>();
        if (kind == Kind.ARRAY) {
            elements().forEach(e -> all.add(e.asText()));
        }
        return all;
    }

    /** An object's fields as text (see {@link #asText()}); empty for anything else. */
    public Map<String, String> stringMap() {
        Map<String, String> all = new LinkedHashMap<>();
        properties().forEach((k, v) -> all.put(k, v.asText()));
        return all;
    }

    // ---- parsing

    /** One JSON value; {@link JsonException} when the text is not exactly one. */
    public static Json parse(byte[] bytes) {
        return JsonReader.parse(bytes);
    }

    public static Json parse(String text) {
        return JsonReader.parse(text);
    }

    /**
     * Reads a stream of JSON values one after the other (the engine's progress and events
     * streams). The first {@link Values#next()} reads the first bytes, not this call.
     */
    public static Values values(InputStream in) {
        return new Values(in);
    }

    /** JSON values read one at a time from a stream. */
    public static final class Values implements AutoCloseable {
        private final InputStream in;
        private JsonParser parser;

        private Values(InputStream in) {
            this.in = in;
        }

        /** The next value, or null at the end of the stream. */
        public Json next() throws IOException {
            if (parser == null) {
                parser = FACTORY.createParser(in);
            }
            return JsonReader.next(parser);
        }

        @Override
        public void close() throws IOException {
            if (parser != null) {
                parser.close();
            } else {
                in.close();
            }
        }
    }

    // ---- writing

    /**
     * Compact JSON, UTF-8, as databind's {@code writeValueAsBytes}: characters outside the BMP
     * escaped as surrogate pairs ({@code \uD83D\uDE00}), which every JSON reader joins again.
     */
    public byte[] toBytes() {
        return JsonWriter.bytes(this);
    }

    /** Indented as jackson-core's default pretty printer does it (for people reading it). */
    public String toPrettyString() {
        return JsonWriter.text(this, true);
    }

    /** Compact JSON, as databind's {@code writeValueAsString} and {@code JsonNode.toString()}: no surrogate escapes. */
    @Override
    public String toString() {
        return JsonWriter.text(this, false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Json j && kind == j.kind && java.util.Objects.equals(value, j.value);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + java.util.Objects.hashCode(value);
    }

    private String numberText() {
        return value instanceof BigDecimal d ? d.toString() : value.toString();
    }

    @SuppressWarnings("unchecked")
    Map<String, Json> fields() {
        if (kind != Kind.OBJECT) {
            throw new IllegalStateException("not a JSON object");
        }
        return (Map<String, Json>) value;
    }

    @SuppressWarnings("unchecked")
    List<Json> elements() {
        if (kind != Kind.ARRAY) {
            throw new IllegalStateException("not a JSON array");
        }
        return (List<Json>) value;
    }

    /** Text that is not one JSON value. */
    public static final class JsonException extends RuntimeException {
        JsonException(String message) {
            super(message);
        }

        JsonException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
