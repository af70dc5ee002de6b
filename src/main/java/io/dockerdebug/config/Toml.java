package io.dockerdebug.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of TOML a config file needs: comments, {@code [table.sub]} headers, {@code key = value}
 * with basic and literal strings, integers and booleans. Anything else is an error naming the
 * line, never a guess. Keeps the line of every key and table so that {@link #set} can change one
 * value and leave the rest of the file (comments included) as it was.
 */
final class Toml {
    /** A parsed value and the 1-based line it was on. */
    record Value(Object value, int line) {
    }

    /** A table: its keys in file order, the header's line (0 for the root) and its last line with content. */
    static final class Table {
        final Map<String, Value> values = new LinkedHashMap<>();
        final Map<String, Table> tables = new LinkedHashMap<>();
        int headerLine;
        int lastLine;
        boolean explicit;
    }

    private final String file;
    private final List<String> lines;
    final Table root = new Table();
    /** Tables with a header, in file order, keyed by their dotted path. */
    final Map<List<String>, Table> headers = new LinkedHashMap<>();

    private Toml(String file, String text) {
        this.file = file;
        this.lines = splitLines(text);
    }

    static Toml parse(String file, String text) {
        Toml t = new Toml(file, text);
        t.parse();
        return t;
    }

    private void parse() {
        Table current = root;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            Cursor c = new Cursor(lines.get(i), lineNo);
            c.skipSpace();
            if (c.atEndOrComment()) {
                continue;
            }
            if (c.peek() == '[') {
                current = header(c, lineNo);
            } else {
                keyValue(c, lineNo, current);
            }
        }
    }

    /** A {@code [table.sub]} line (the cursor on its '['): the table it opens. */
    private Table header(Cursor c, int lineNo) {
        c.pos++;
        if (c.peek() == '[') {
            throw error(lineNo, "arrays of tables ([[...]]) are not supported");
        }
        List<String> path = c.keyPath();
        c.skipSpace();
        c.expect(']', "expected ']' after the table name");
        c.skipSpace();
        if (!c.atEndOrComment()) {
            throw error(lineNo, "unexpected text after the table header");
        }
        Table table = root;
        for (String part : path) {
            if (table.values.containsKey(part)) {
                throw error(lineNo, "'" + part + "' is already a value, not a table");
            }
            table = child(table, part, lineNo);
        }
        if (table.explicit) {
            throw error(lineNo, "table [" + String.join(".", path) + "] is defined twice");
        }
        table.explicit = true;
        table.headerLine = lineNo;
        table.lastLine = lineNo;
        headers.put(path, table);
        return table;
    }

    /** A {@code key = value} line, put into {@code current} (or a sub-table of it for a dotted key). */
    private void keyValue(Cursor c, int lineNo, Table current) {
        List<String> key = c.keyPath();
        c.skipSpace();
        c.expect('=', "expected '=' after the key");
        c.skipSpace();
        Object value = c.value();
        c.skipSpace();
        if (!c.atEndOrComment()) {
            throw error(lineNo, "unexpected text after the value");
        }
        Table table = current;
        for (String part : key.subList(0, key.size() - 1)) {
            table = child(table, part, lineNo);
        }
        String last = key.get(key.size() - 1);
        if (table.values.containsKey(last) || table.tables.containsKey(last)) {
            throw error(lineNo, "key '" + String.join(".", key) + "' is defined twice");
        }
        table.values.put(last, new Value(value, lineNo));
        current.lastLine = lineNo;
    }

    /** The sub-table {@code name}; one made here (implicitly, by a dotted name) is placed at {@code lineNo} for errors. */
    private static Table child(Table table, String name, int lineNo) {
        return table.tables.computeIfAbsent(name, k -> {
            Table t = new Table();
            t.headerLine = lineNo;
            t.lastLine = lineNo;
            return t;
        });
    }

    String text() {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    ConfigException error(int line, String message) {
        return new ConfigException(file + ":" + line + ": " + message);
    }

    /**
     * The text with {@code key} in the table at {@code path} (empty: the root) set to
     * {@code literal} (already TOML), changing only that line or adding one.
     */
    String set(List<String> path, String key, String literal) {
        List<String> out = new ArrayList<>(lines);
        String line = quoteKey(key) + " = " + literal;
        Table table = path.isEmpty() ? root : headers.get(path);
        if (table == null) {
            while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                out.remove(out.size() - 1);
            }
            if (!out.isEmpty()) {
                out.add("");
            }
            out.add("[" + String.join(".", path.stream().map(Toml::quoteKey).toList()) + "]");
            out.add(line);
        } else if (table.values.containsKey(key)) {
            int idx = table.values.get(key).line() - 1;
            String old = out.get(idx);
            String indent = old.substring(0, old.length() - old.stripLeading().length());
            out.set(idx, indent + line);
        } else if (commentedOut(table, key) >= 0) {
            // "# key = example" from init: the setting takes the example's place.
            out.set(commentedOut(table, key), line);
        } else if (path.isEmpty()) {
            int at = root.values.isEmpty() ? firstHeaderIndex() : root.lastLine;
            out.add(at, line);
        } else {
            out.add(table.lastLine, line);
        }
        return String.join("\n", out) + "\n";
    }

    /** Index of a "# key = ..." line in the table's own lines, or -1. */
    private int commentedOut(Table table, String key) {
        int from = table == root ? 0 : table.headerLine;
        int to = lines.size();
        for (Table t : headers.values()) {
            if (t.headerLine - 1 >= from && t.headerLine - 1 < to && t != table) {
                to = t.headerLine - 1;
            }
        }
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("\\s*#\\s*" + java.util.regex.Pattern.quote(key) + "\\s*=.*");
        for (int i = from; i < to; i++) {
            if (p.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    private int firstHeaderIndex() {
        int first = lines.size();
        for (Table t : headers.values()) {
            first = Math.min(first, t.headerLine - 1);
        }
        // Keep a comment block right above the first table with that table.
        while (first > 0 && lines.get(first - 1).strip().startsWith("#")) {
            first--;
        }
        return first;
    }

    static String quoteKey(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : string(key);
    }

    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static List<String> splitLines(String text) {
        if (text.startsWith("\uFEFF")) {
            // A UTF-8 byte order mark, as some Windows editors write: not part of the first key.
            text = text.substring(1);
        }
        List<String> out = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private final class Cursor {
        final String s;
        final int line;
        int pos;

        Cursor(String s, int line) {
            this.s = s;
            this.line = line;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        boolean atEndOrComment() {
            return pos >= s.length() || s.charAt(pos) == '#';
        }

        void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        void expect(char ch, String message) {
            if (peek() != ch) {
                throw error(line, message);
            }
            pos++;
        }

        List<String> keyPath() {
            List<String> parts = new ArrayList<>();
            while (true) {
                skipSpace();
                parts.add(key());
                skipSpace();
                if (peek() != '.') {
                    return parts;
                }
                pos++;
            }
        }

        String key() {
            char ch = peek();
            if (ch == '"') {
                return basicString();
            }
            if (ch == '\'') {
                return literalString();
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) && s.charAt(pos) < 128
                    || s.charAt(pos) == '_' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (start == pos) {
                throw error(line, ch == '\0' ? "expected a key" : "unexpected character '" + ch + "' where a key should be");
            }
            return s.substring(start, pos);
        }

        Object value() {
            char ch = peek();
            if (ch == '"') {
                if (s.startsWith("\"\"\"", pos)) {
                    throw error(line, "multi-line strings are not supported");
                }
                return basicString();
            }
            if (ch == '\'') {
                if (s.startsWith("'''", pos)) {
                    throw error(line, "multi-line strings are not supported");
                }
                return literalString();
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t' && s.charAt(pos) != '#') {
                pos++;
            }
            return bareValue(s.substring(start, pos));
        }

        /** An unquoted value: a boolean or an integer; anything else is an error. */
        private Object bareValue(String word) {
            if (word.isEmpty()) {
                throw error(line, "expected a value after '='");
            }
            if (word.equals("true") || word.equals("false")) {
                return Boolean.valueOf(word);
            }
            if (word.matches("[+-]?(0|[1-9](_?[0-9])*)")) {
                try {
                    return Long.parseLong(word.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw error(line, "integer out of range: " + word);
                }
            }
            if (word.startsWith("[") || word.startsWith("{")) {
                throw error(line, "arrays and inline tables are not supported here");
            }
            throw error(line, "invalid value '" + word + "' (strings need quotes)");
        }

        String literalString() {
            int end = s.indexOf('\'', pos + 1);
            if (end < 0) {
                throw error(line, "unterminated string");
            }
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        String basicString() {
            StringBuilder b = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= s.length()) {
                    throw error(line, "unterminated string");
                }
                char ch = s.charAt(pos++);
                if (ch == '"') {
                    return b.toString();
                }
                if (ch != '\\') {
                    b.append(ch);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error(line, "unterminated string");
                }
                char esc = s.charAt(pos++);
                switch (esc) {
                    case '"' -> b.append('"');
                    case '\\' -> b.append('\\');
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u', 'U' -> {
                        int n = esc == 'u' ? 4 : 8;
                        if (pos + n > s.length()) {
                            throw error(line, "invalid unicode escape");
                        }
                        try {
                            b.appendCodePoint(Integer.parseInt(s.substring(pos, pos + n), 16));
                        } catch (IllegalArgumentException e) {
                            throw error(line, "invalid unicode escape");
                        }
                        pos += n;
                    }
                    default -> throw error(line, "invalid escape '\\" + esc + "' in a string");
                }
            }
        }
    }
}
