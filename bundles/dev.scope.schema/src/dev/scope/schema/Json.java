package dev.scope.schema;

import java.nio.file.Path;

import dev.scope.schema.internal.JsonCodec;

/**
 * Reads and writes JSON trees: {@link java.util.Map} (read as an insertion-ordered
 * {@link java.util.LinkedHashMap}), {@link java.util.List}, {@link String}, {@link Integer} or
 * {@link Long} for integers ({@link java.math.BigInteger} beyond the long range), {@link Double}
 * for decimals, {@link Boolean} and {@code null}. Key order is kept both ways. Doubles are written
 * as Python writes floats: {@code 1.0}, {@code 0.0}.
 *
 * <p>All methods are stateless and thread-safe.
 */
public final class Json {

    private Json() {
    }

    /**
     * @param tree a JSON tree
     * @return compact JSON text, without spaces or line breaks
     * @throws IllegalArgumentException when the tree holds something that cannot be written
     */
    public static String write(Object tree) {
        return JsonCodec.write(tree, false);
    }

    /**
     * @param tree a JSON tree
     * @return JSON text formatted like Python's {@code json.dumps(tree, indent=2)}: two-space
     *         indents, {@code "key": value}, one array item a line, {@code []} and {@code {}} when
     *         empty, {@code \n} line ends, no final line end
     * @throws IllegalArgumentException when the tree holds something that cannot be written
     */
    public static String writePretty(Object tree) {
        return JsonCodec.write(tree, true);
    }

    /**
     * @param json JSON text holding exactly one value
     * @return the tree
     * @throws IllegalArgumentException on malformed JSON or trailing content; the message gives
     *         the line and column
     */
    public static Object read(String json) {
        return JsonCodec.read(json);
    }

    /**
     * Writes a tree as {@link #writePretty pretty JSON} plus a final line end so that the file is
     * replaced whole or not at all: the text goes to a temporary file in the same directory, is
     * forced to disk, and is then moved over {@code file} atomically. On failure the temporary
     * file is removed and {@code file} is unchanged. Missing parent directories are created.
     * Concurrent writers of one file must synchronize among themselves; the last move wins.
     *
     * @param file the file to create or replace
     * @param tree a JSON tree
     * @throws java.io.UncheckedIOException when the file cannot be written
     * @throws IllegalArgumentException when the tree cannot be written as JSON (nothing is touched)
     */
    public static void writeAtomically(Path file, Object tree) {
        JsonCodec.writeAtomically(file, tree);
    }
}
