package io.trt4j.convert.tfjs;

import io.trt4j.convert.tf.ModelImportException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts the value a bundled JavaScript module exports, without running JavaScript: the browserify/UMD bundles of
 * nsfwjs ({@code !function(t){...}({1:[function(t,e,a){e.exports={...}},{}]},{},[1])(1)}) and plain
 * {@code module.exports = ...} files. The value must be a JSON-like literal (objects, arrays, strings, numbers,
 * {@code !0}/{@code !1}).
 *
 * <p>Thread-safety: stateless, safe to use from any thread.
 */
final class JsBundle {
    private static final Pattern BROWSERIFY = Pattern.compile(
            "\\{\\s*1\\s*:\\s*\\[\\s*function\\s*\\(\\s*[\\w$]*\\s*,\\s*([\\w$]+)\\s*(?:,\\s*[\\w$]*\\s*)?\\)\\s*\\{\\s*"
                    + "\\1\\.exports\\s*=\\s*");
    private static final Pattern COMMONJS = Pattern.compile("(?:module\\.exports|exports\\.default)\\s*=\\s*(?=[{\\[\"'])");

    private JsBundle() {
    }

    /** The exported value of {@code js} (read from {@code file}, named in errors). */
    static Object exportedValue(String js, Path file) throws ModelImportException {
        Matcher m = BROWSERIFY.matcher(js);
        int start;
        if (m.find()) {
            start = m.end();
        } else {
            Matcher c = COMMONJS.matcher(js);
            if (!c.find()) {
                throw new ModelImportException(file, "no exported value found: not a TF.js model bundle");
            }
            start = c.end();
        }
        try {
            return JsonParser.parseAt(js, start);
        } catch (JsonParser.SyntaxException e) {
            throw new ModelImportException(file, "cannot parse the exported value (corrupt or truncated?): "
                    + e.getMessage(), e);
        }
    }
}
