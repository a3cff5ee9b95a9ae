package dev.continuum.workflow.expr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Conversions between {@link Value}s and JSON: Jackson trees, and GitHub's {@code toJSON} text. */
public final class Json {

    private Json() {
    }

    /** Converts plain JSON: objects become case-insensitive objects (a later duplicate key wins). */
    public static Value fromJsonNode(JsonNode node) {
        return switch (node.getNodeType()) {
            case NULL, MISSING, POJO, BINARY -> NullValue.INSTANCE;
            case BOOLEAN -> Value.of(node.booleanValue());
            case NUMBER -> new NumberValue(node.doubleValue());
            case STRING -> new StringValue(node.textValue());
            case ARRAY -> {
                Value[] items = new Value[node.size()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = fromJsonNode(node.get(i));
                }
                yield ArrayValue.wrap(items, false);
            }
            case OBJECT -> {
                ObjectValue.Builder b = ObjectValue.builder();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    b.put(e.getKey(), fromJsonNode(e.getValue()));
                }
                yield b.build();
            }
        };
    }

    /** Converts to a Jackson tree; NaN and infinities become JSON numbers Jackson writes as strings. */
    public static JsonNode toJsonNode(Value v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (v) {
            case NullValue n -> f.nullNode();
            case BooleanValue b -> f.booleanNode(b.value());
            case NumberValue n -> {
                double d = n.value();
                if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                    yield f.numberNode((long) d);
                }
                yield f.numberNode(d);
            }
            case StringValue s -> f.textNode(s.value());
            case ArrayValue a -> {
                ArrayNode arr = f.arrayNode(a.size());
                for (int i = 0; i < a.size(); i++) {
                    arr.add(toJsonNode(a.get(i)));
                }
                yield arr;
            }
            case ObjectValue o -> {
                ObjectNode obj = f.objectNode();
                for (int i = 0; i < o.size(); i++) {
                    obj.set(o.keyAt(i), toJsonNode(o.valueAt(i)));
                }
                yield obj;
            }
        };
    }

    /** GitHub's {@code toJSON}: pretty-printed with 2-space indentation, numbers as in string conversion. */
    public static String toJsonText(Value v) {
        StringBuilder sb = new StringBuilder(v instanceof ObjectValue o ? 32 + 32 * o.size()
                : v instanceof ArrayValue a ? 16 + 24 * a.size() : 16);
        write(sb, v, 0);
        return sb.toString();
    }

    static void write(StringBuilder sb, Value v, int indent) {
        // An instanceof chain rather than a pattern switch: cheaper on this hot path.
        if (v instanceof StringValue s) {
            quote(sb, s.value());
        } else if (v instanceof NumberValue n) {
            Coercion.appendNumber(sb, n.value());
        } else if (v instanceof BooleanValue b) {
            sb.append(b.value() ? "true" : "false");
        } else if (v instanceof NullValue) {
            sb.append("null");
        } else if (v instanceof ArrayValue a) {
            {
                if (a.size() == 0) {
                    sb.append("[]");
                    return;
                }
                sb.append('[');
                int child = indent + 2;
                String first = lineBreak(child);
                String next = commaLineBreak(child);
                for (int i = 0, n = a.size(); i < n; i++) {
                    sb.append(i == 0 ? first : next);
                    write(sb, a.get(i), child);
                }
                sb.append(lineBreak(indent)).append(']');
            }
        } else {
            ObjectValue o = (ObjectValue) v;
            {
                if (o.size() == 0) {
                    sb.append("{}");
                    return;
                }
                sb.append('{');
                int child = indent + 2;
                String first = lineBreak(child);
                String next = commaLineBreak(child);
                for (int i = 0, n = o.size(); i < n; i++) {
                    sb.append(i == 0 ? first : next);
                    quote(sb, o.keyAt(i));
                    sb.append(": ");
                    write(sb, o.valueAt(i), child);
                }
                sb.append(lineBreak(indent)).append('}');
            }
        }
    }

    /** Line breaks followed by 0, 2, 4, … spaces, with and without a leading comma, for the usual depths. */
    private static final String[] LINE_BREAKS = new String[24];
    private static final String[] COMMA_LINE_BREAKS = new String[24];

    static {
        for (int i = 0; i < LINE_BREAKS.length; i++) {
            LINE_BREAKS[i] = "\n" + " ".repeat(2 * i);
            COMMA_LINE_BREAKS[i] = ",\n" + " ".repeat(2 * i);
        }
    }

    private static String lineBreak(int spaces) {
        int level = spaces >> 1;
        return level < LINE_BREAKS.length ? LINE_BREAKS[level] : "\n" + " ".repeat(spaces);
    }

    private static String commaLineBreak(int spaces) {
        int level = spaces >> 1;
        return level < COMMA_LINE_BREAKS.length ? COMMA_LINE_BREAKS[level] : ",\n" + " ".repeat(spaces);
    }

    /** Writes a JSON string literal, escaping quotes, backslashes and control characters. */
    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        int plain = 0;
        while (plain < n) {
            char c = s.charAt(plain);
            if (c < 0x20 || c == '"' || c == '\\' || c == 0x85 || c == 0x2028 || c == 0x2029) {
                break;
            }
            plain++;
        }
        if (plain == n) {
            sb.append(s).append('"');
            return;
        }
        sb.append(s, 0, plain);
        quoteFrom(sb, s, plain);
    }

    private static void quoteFrom(StringBuilder sb, String s, int from) {
        for (int i = from, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        sb.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int k = hex.length(); k < 4; k++) {
                            sb.append('0');
                        }
                        sb.append(hex);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
