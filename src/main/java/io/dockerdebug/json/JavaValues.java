package io.dockerdebug.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Plain Java values as {@link Json} ({@link Json#from}), and JSON numbers as Java's long. */
final class JavaValues {
    private JavaValues() {
    }

    /** See {@link Json#from}. */
    static Json toJson(Object o) {
        return switch (o) {
            case null -> Json.NULL;
            case Json j -> j;
            case String s -> Json.of(s);
            case Boolean b -> Json.of(b);
            case Integer i -> Json.of(i.longValue());
            case Long l -> Json.of(l);
            case Short s -> Json.of(s.longValue());
            case Byte b -> Json.of(b.longValue());
            case Number n -> new Json(Json.Kind.NUMBER, n);
            case Json.Writable w -> w.toJson();
            case Map<?, ?> m -> {
                Json obj = Json.object();
                m.forEach((k, v) -> obj.put(String.valueOf(k), toJson(v)));
                yield obj;
            }
            case Iterable<?> it -> {
                Json a = Json.array();
                it.forEach(v -> a.add(toJson(v)));
                yield a;
            }
            default -> throw new IllegalArgumentException("no JSON for " + o.getClass().getName());
        };
    }

    /** A JSON number as a long when it fits one, else {@code fallback}. */
    static long toLong(Number value, long fallback) {
        return switch (value) {
            case Long l -> l;
            case BigInteger b -> b.bitLength() < 64 ? b.longValue() : fallback;
            case BigDecimal d -> fits(d) ? d.longValue() : fallback;
            case Number n when Double.isFinite(n.doubleValue()) && Math.abs(n.doubleValue()) < 9.2e18 -> n.longValue();
            default -> fallback;
        };
    }

    private static boolean fits(BigDecimal d) {
        // Before any conversion: 1e999999999 is a short text but a huge integer.
        if (d.precision() - d.scale() > 19) {
            return false;
        }
        try {
            d.toBigInteger().longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }
}
