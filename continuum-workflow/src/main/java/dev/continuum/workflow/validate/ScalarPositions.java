package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.model.Text;

/** Maps an offset inside a scalar's value to a line and column in the file, as well as the value allows. */
final class ScalarPositions {

    private ScalarPositions() {
    }

    /**
     * The position of character {@code offset} of the value. Exact for single-line plain and quoted scalars
     * without escapes and for literal blocks indented as usual; otherwise the scalar's own position.
     */
    static Position at(Text text, int offset) {
        return at(text.value(), text.position(), offset, Style.GUESS);
    }

    enum Style { GUESS }

    static Position at(String value, Position start, int offset, Style style) {
        int nl = value.lastIndexOf('\n', Math.max(0, offset - 1));
        if (value.indexOf('\n') < 0 || value.indexOf('\n') >= value.length() - 1 && offset < value.indexOf('\n')) {
            // single line: the scalar starts at start.column (plus a quote we cannot see; accept being off by one)
            return new Position(start.file(), start.line(), start.column() + offset, 1);
        }
        // block scalar: the value's first line is on the line after the indicator
        int line = 1;
        for (int i = 0; i < offset && i < value.length(); i++) {
            if (value.charAt(i) == '\n') {
                line++;
            }
        }
        int col = offset - (nl < 0 || nl >= offset ? 0 : nl + 1);
        return new Position(start.file(), start.line() + line, start.column() + 2 + col, 1);
    }
}
