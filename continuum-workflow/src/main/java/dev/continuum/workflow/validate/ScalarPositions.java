package dev.continuum.workflow.validate;

import dev.continuum.workflow.diag.Position;
import dev.continuum.workflow.model.Text;

/** Maps an offset inside a scalar's value to its line and column in the source file. */
final class ScalarPositions {

    private final String source;
    private String[] lines;

    /** Splitting the source into lines waits until a position inside a scalar is first asked for. */
    ScalarPositions(String source) {
        this.source = source;
    }

    private String[] lines() {
        if (lines == null) {
            lines = dev.continuum.workflow.diag.Lines.split(source);
        }
        return lines;
    }

    /**
     * The position of character {@code offset} of the value. Exact for single-line plain and quoted scalars
     * without escapes before the offset, and for literal and folded blocks; otherwise the best line-level guess.
     */
    Position at(Text text, int offset) {
        String[] lines = lines();
        String value = text.value();
        Position start = text.position();
        if (start.line() < 1 || start.line() > lines.length) {
            return start;
        }
        String startLine = lines[start.line() - 1];
        char first = start.column() - 1 < startLine.length() ? startLine.charAt(start.column() - 1) : ' ';
        boolean block = first == '|' || first == '>';
        if (!block) {
            int quote = first == '\'' || first == '"' ? 1 : 0;
            if (value.lastIndexOf('\n', Math.max(0, offset - 1)) < 0 || offset == 0) {
                return new Position(start.file(), start.line(), start.column() + quote + offset, 1);
            }
            return start;
        }
        int valueLine = 0;
        int lineStart = 0;
        for (int i = 0; i < offset && i < value.length(); i++) {
            if (value.charAt(i) == '\n') {
                valueLine++;
                lineStart = i + 1;
            }
        }
        int firstContent = start.line(); // 0-based index of the line after the indicator
        while (firstContent < lines.length && lines[firstContent].isBlank()) {
            firstContent++;
        }
        if (firstContent >= lines.length) {
            return start;
        }
        int blockIndent = leading(lines[firstContent]) - leading(firstValueLine(value));
        int line = start.line() + 1 + valueLine;
        return new Position(start.file(), Math.min(line, lines.length), blockIndent + (offset - lineStart) + 1, 1);
    }

    private static String firstValueLine(String value) {
        String v = value;
        while (v.startsWith("\n")) {
            v = v.substring(1);
        }
        int nl = v.indexOf('\n');
        return nl < 0 ? v : v.substring(0, nl);
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
