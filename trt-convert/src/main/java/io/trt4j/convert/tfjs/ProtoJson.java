package io.trt4j.convert.tfjs;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Fills a protobuf message from parsed proto3 JSON ({@link JsonParser} values), driven by the message's descriptor:
 * fields by JSON (camelCase) or proto name, enums by name or number, bytes as base64, 64-bit integers as numbers or
 * strings, maps as objects. Unknown fields are ignored, as TensorFlow.js does.
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
final class ProtoJson {
    /** A value that does not fit its field; the message names the field path. */
    static final class MappingException extends Exception {
        private static final long serialVersionUID = 1L;

        MappingException(String message) {
            super(message);
        }
    }

    private ProtoJson() {
    }

    /** Merges {@code json} (a parsed object) into {@code builder}; {@code path} names it in errors. */
    static void merge(Object json, Message.Builder builder, String path) throws MappingException {
        if (!(json instanceof Map<?, ?> map)) {
            throw new MappingException(path + ": expected an object for " + builder.getDescriptorForType().getName()
                    + ", found " + describe(json));
        }
        Descriptor d = builder.getDescriptorForType();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = (String) e.getKey();
            FieldDescriptor f = field(d, key);
            if (f == null || e.getValue() == null) {
                continue;
            }
            String fieldPath = path + "." + key;
            if (f.isMapField()) {
                if (!(e.getValue() instanceof Map<?, ?> entries)) {
                    throw new MappingException(fieldPath + ": expected an object, found " + describe(e.getValue()));
                }
                Descriptor entryType = f.getMessageType();
                for (Map.Entry<?, ?> me : entries.entrySet()) {
                    Message.Builder eb = builder.newBuilderForField(f);
                    FieldDescriptor kf = entryType.findFieldByNumber(1);
                    FieldDescriptor vf = entryType.findFieldByNumber(2);
                    String entryPath = fieldPath + "." + me.getKey();
                    eb.setField(kf, scalar(kf, me.getKey(), entryPath, eb));
                    eb.setField(vf, scalar(vf, me.getValue(), entryPath, eb));
                    builder.addRepeatedField(f, eb.build());
                }
            } else if (f.isRepeated()) {
                if (!(e.getValue() instanceof List<?> items)) {
                    throw new MappingException(fieldPath + ": expected an array, found " + describe(e.getValue()));
                }
                for (int i = 0; i < items.size(); i++) {
                    builder.addRepeatedField(f, scalar(f, items.get(i), fieldPath + "[" + i + "]", builder));
                }
            } else {
                builder.setField(f, scalar(f, e.getValue(), fieldPath, builder));
            }
        }
    }

    private static FieldDescriptor field(Descriptor d, String key) {
        FieldDescriptor f = d.findFieldByName(key);
        if (f != null) {
            return f;
        }
        for (FieldDescriptor c : d.getFields()) {
            if (c.getJsonName().equals(key)) {
                return c;
            }
        }
        return null;
    }

    private static Object scalar(FieldDescriptor f, Object v, String path, Message.Builder parent)
            throws MappingException {
        try {
            switch (f.getJavaType()) {
                case MESSAGE: {
                    Message.Builder b = parent.newBuilderForField(f);
                    merge(v, b, path);
                    return b.build();
                }
                case STRING:
                    return string(v, path);
                case BYTE_STRING:
                    return ByteString.copyFrom(Base64.getMimeDecoder().decode(string(v, path)
                            .replace('-', '+').replace('_', '/')));
                case BOOLEAN:
                    if (v instanceof Boolean b) {
                        return b;
                    }
                    if ("true".equals(v) || "false".equals(v)) {
                        return Boolean.valueOf((String) v);
                    }
                    throw new MappingException(path + ": expected a boolean, found " + describe(v));
                case INT:
                    return number(v, path).intValueExact();
                case LONG:
                    return number(v, path).longValueExact();
                case FLOAT:
                    return (float) floating(v, path);
                case DOUBLE:
                    return floating(v, path);
                case ENUM: {
                    EnumValueDescriptor ev = v instanceof String s ? f.getEnumType().findValueByName(s)
                            : f.getEnumType().findValueByNumber(number(v, path).intValueExact());
                    if (ev == null) {
                        throw new MappingException(path + ": unknown " + f.getEnumType().getName() + " value "
                                + describe(v));
                    }
                    return ev;
                }
                default:
                    throw new MappingException(path + ": unsupported field type " + f.getJavaType());
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new MappingException(path + ": bad " + f.getJavaType().name().toLowerCase(java.util.Locale.ROOT)
                    + " value " + describe(v) + " (" + e.getMessage() + ")");
        }
    }

    private static String string(Object v, String path) throws MappingException {
        if (v instanceof String s) {
            return s;
        }
        throw new MappingException(path + ": expected a string, found " + describe(v));
    }

    private static BigDecimal number(Object v, String path) throws MappingException {
        if (v instanceof BigDecimal b) {
            return b;
        }
        if (v instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new MappingException(path + ": expected a number, found " + describe(v));
            }
        }
        throw new MappingException(path + ": expected a number, found " + describe(v));
    }

    private static double floating(Object v, String path) throws MappingException {
        if (v instanceof String s) {
            switch (s) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        return number(v, path).doubleValue();
    }

    static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        String s = String.valueOf(v);
        return (v instanceof String ? "\"" + s + "\"" : s).length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
