package dev.continuum.workflow.diag;

/**
 * A place in a source file: 1-based line and column, and the length of the marked span.
 *
 * @param file   the file as the user named it (relative when they gave a relative path)
 * @param line   1-based line, or 0 when the position is the whole file
 * @param column 1-based column, or 0 when unknown
 * @param length number of characters marked on that line, at least 1 when known, 0 otherwise
 */
public record Position(String file, int line, int column, int length) {

    public Position {
        if (line < 0 || column < 0 || length < 0) {
            throw new IllegalArgumentException("negative position " + line + ":" + column + "+" + length);
        }
    }

    /** The position of a whole file, with no line. */
    public static Position ofFile(String file) {
        return new Position(file, 0, 0, 0);
    }

    public static Position of(String file, int line, int column) {
        return new Position(file, line, column, 1);
    }

    /** The same place, marking {@code newLength} characters. */
    public Position withLength(int newLength) {
        return new Position(file, line, column, Math.max(0, newLength));
    }

    /** A place {@code delta} columns to the right on the same line. */
    public Position shifted(int delta) {
        return new Position(file, line, Math.max(1, column + delta), length);
    }

    /** {@code file:line:col}, or less when line or column are unknown. */
    @Override
    public String toString() {
        if (line == 0) {
            return file;
        }
        return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
