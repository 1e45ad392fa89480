package io.trt4j.convert.tfjs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small parser for JSON and for the JSON-like object literals minified JavaScript writes: unquoted identifier keys,
 * single-quoted strings, numbers like {@code .5} or {@code -.5}, {@code !0}/{@code !1} for true/false. Values become
 * {@code Map<String, Object>} (insertion-ordered), {@code List<Object>}, {@code String}, {@link BigDecimal},
 * {@code Boolean} or {@code null}.
 *
 * <p>Thread-safety: an instance is used by one thread; create one per text.
 */
final class JsonParser {
    /** A syntax error at a character offset. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        final int offset;

        SyntaxException(String message, int offset) {
            super(message + " at offset " + offset);
            this.offset = offset;
        }
    }

    private static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int depth;

    private JsonParser(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /** Parses {@code text}, which must hold exactly one value (whitespace around it allowed). */
    static Object parse(String text) throws SyntaxException {
        JsonParser p = new JsonParser(text, 0);
        Object v = p.value();
        p.skipSpace();
        if (p.pos != text.length()) {
            throw new SyntaxException("unexpected '" + text.charAt(p.pos) + "' after the value", p.pos);
        }
        return v;
    }

    /** Parses the one value starting at {@code offset}, ignoring whatever follows it. */
    static Object parseAt(String text, int offset) throws SyntaxException {
        return new JsonParser(text, offset).value();
    }

    private Object value() throws SyntaxException {
        skipSpace();
        if (pos >= text.length()) {
            throw new SyntaxException("unexpected end of input (truncated?)", pos);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
            case '\'':
                return string();
            case '!':
                if (pos + 1 < text.length() && (text.charAt(pos + 1) == '0' || text.charAt(pos + 1) == '1')) {
                    pos += 2;
                    return text.charAt(pos - 1) == '0';
                }
                throw new SyntaxException("unexpected '!'", pos);
            default:
                if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
                    return number();
                }
                String word = identifier();
                switch (word) {
                    case "true":
                        return Boolean.TRUE;
                    case "false":
                        return Boolean.FALSE;
                    case "null":
                        return null;
                    case "NaN":
                    case "Infinity":
                        return word;
                    default:
                        throw new SyntaxException(word.isEmpty() ? "unexpected '" + c + "'" : "unexpected '" + word + "'",
                                pos - word.length());
                }
        }
    }

    private Map<String, Object> object() throws SyntaxException {
        enter();
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipSpace();
            char c = peek();
            String key;
            if (c == '"' || c == '\'') {
                key = string();
            } else if (c >= '0' && c <= '9') {
                key = number().toPlainString();
            } else {
                key = identifier();
                if (key.isEmpty()) {
                    throw new SyntaxException("expected a key, found '" + printable(c) + "'", pos);
                }
            }
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return map;
            }
            if (c != ',') {
                throw new SyntaxException("expected ',' or '}', found '" + printable(c) + "'", pos - 1);
            }
        }
    }

    private List<Object> array() throws SyntaxException {
        enter();
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(value());
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return list;
            }
            if (c != ',') {
                throw new SyntaxException("expected ',' or ']', found '" + printable(c) + "'", pos - 1);
            }
        }
    }

    private String string() throws SyntaxException {
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new SyntaxException("unterminated string (truncated?)", pos);
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new SyntaxException("unterminated escape", pos);
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case '0' -> sb.append('\0');
                case 'x' -> sb.append((char) hex(2));
                case 'u' -> sb.append((char) hex(4));
                case '\n' -> { } // line continuation
                default -> sb.append(e);
            }
        }
    }

    private int hex(int digits) throws SyntaxException {
        if (pos + digits > text.length()) {
            throw new SyntaxException("truncated escape", pos);
        }
        try {
            int v = Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException e) {
            throw new SyntaxException("bad escape", pos);
        }
    }

    private BigDecimal number() throws SyntaxException {
        int start = pos;
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        if (text.startsWith("Infinity", pos)) {
            throw new SyntaxException("infinite number", start);
        }
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
                    || ((c == '-' || c == '+') && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E'))) {
                pos++;
            } else {
                break;
            }
        }
        String s = text.substring(start, pos);
        try {
            return new BigDecimal(s.startsWith("+") ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new SyntaxException("bad number '" + s + "'", start);
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                pos++;
            } else {
                break;
            }
        }
        return text.substring(start, pos);
    }

    private void enter() throws SyntaxException {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxException("nesting deeper than " + MAX_DEPTH, pos);
        }
    }

    private void expect(char c) throws SyntaxException {
        if (peek() != c) {
            throw new SyntaxException("expected '" + c + "', found '" + printable(peek()) + "'", pos);
        }
        pos++;
    }

    private char peek() throws SyntaxException {
        if (pos >= text.length()) {
            throw new SyntaxException("unexpected end of input (truncated?)", pos);
        }
        return text.charAt(pos);
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
