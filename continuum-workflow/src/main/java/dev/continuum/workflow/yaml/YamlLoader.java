package dev.continuum.workflow.yaml;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.diag.Position;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Loads one YAML 1.2 document into {@link YamlNode}s with positions, reporting problems as diagnostics.
 *
 * <p>Reports non-UTF-8 input, empty files, more than one document, duplicate keys, non-scalar keys,
 * unsupported explicit tags and YAML syntax errors (tabs in indentation among them). Anchors and aliases
 * are accepted; an alias yields the anchored node itself, so positions point into the anchor's source.
 * Instances are immutable and thread-safe.
 */
public final class YamlLoader {

    /** Rule id of every diagnostic this loader reports. */
    public static final String RULE = "yaml";

    private static final int MAX_ALIAS_EXPANSIONS = 1_000;
    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setAllowDuplicateKeys(true)
            .setUseMarks(true)
            .setCodePointLimit(64 * 1024 * 1024)
            .setSchema(new CoreSchema())
            .build();

    /** Decodes UTF-8 bytes (a BOM is skipped) and loads them. */
    public YamlDocument load(String file, byte[] bytes) {
        // Fast path: valid UTF-8 decodes to the same text either way; only input that needed a replacement
        // character (or holds one) goes through the strict decoder, which tells the two apart.
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return load(file, !fast.isEmpty() && fast.charAt(0) == '\uFEFF' ? fast.substring(1) : fast);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new YamlDocument(file, "", Optional.empty(), List.of(notUtf8(file, bytes)));
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        return load(file, text);
    }

    /** Loads already decoded text. */
    public YamlDocument load(String file, String text) {
        Builder b = new Builder(file);
        try {
            b.run(new Parse(SETTINGS).parseString(text).iterator());
        } catch (MarkedYamlEngineException e) {
            b.diagnostics.add(syntaxError(file, e));
        } catch (YamlEngineException e) {
            b.diagnostics.add(Diagnostic.error(RULE, Position.ofFile(file), "YAML error: " + firstLine(e.getMessage())));
        }
        if (b.root == null && b.diagnostics.isEmpty()) {
            b.diagnostics.add(Diagnostic.error(RULE, Position.of(file, 1, 1), "the file is empty")
                    .withHint("a workflow needs at least `on:` and `jobs:`"));
        }
        return new YamlDocument(file, text, Optional.ofNullable(b.root), b.diagnostics);
    }

    private static Diagnostic notUtf8(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int line = 1;
        int lineStart = 0;
        int bad = bytes.length;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            bad = in.position();
        }
        for (int i = 0; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String col = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8);
        return Diagnostic.error(RULE, Position.of(file, line, col.length() + 1),
                        String.format("the file is not valid UTF-8 (byte 0x%02X at offset %d)", bytes[bad] & 0xff, bad))
                .withHint("save the file as UTF-8; GitHub reads workflows as UTF-8");
    }

    private static Diagnostic syntaxError(String file, MarkedYamlEngineException e) {
        Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
        Position pos = mark == null ? Position.ofFile(file) : Position.of(file, mark.getLine() + 1, mark.getColumn() + 1);
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
        if (problem.contains("\\t") || problem.contains("'\t'") || problem.contains("tab")) {
            return Diagnostic.error(RULE, pos, "a tab character is not allowed here; YAML indentation uses spaces")
                    .withHint("replace the tab with spaces");
        }
        String context = e.getContext();
        String message = context == null || context.isBlank() ? problem : context + ": " + problem;
        return Diagnostic.error(RULE, pos, "YAML syntax error: " + message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Builds nodes from the event stream; one instance per load. */
    private static final class Builder {
        final String file;
        final List<Diagnostic> diagnostics = new ArrayList<>();
        final Map<String, YamlNode> anchors = new HashMap<>();
        YamlNode root;
        int documents;
        int aliasExpansions;

        Builder(String file) {
            this.file = file;
        }

        void run(Iterator<Event> events) {
            while (events.hasNext()) {
                Event e = events.next();
                switch (e.getEventId()) {
                    case DocumentStart -> {
                        documents++;
                        if (documents == 2) {
                            diagnostics.add(Diagnostic.error(RULE, pos(e), "the file holds more than one YAML document")
                                    .withHint("a workflow file is a single document; remove the `---` separator and what follows"));
                        }
                    }
                    case Scalar, MappingStart, SequenceStart, Alias -> {
                        YamlNode node = node(e, events);
                        if (documents <= 1 && root == null) {
                            root = node;
                        }
                    }
                    default -> {
                        // stream and document ends carry nothing
                    }
                }
            }
        }

        private YamlNode node(Event e, Iterator<Event> events) {
            YamlNode node = switch (e.getEventId()) {
                case Scalar -> scalar((ScalarEvent) e);
                case MappingStart -> mapping((CollectionStartEvent) e, events);
                case SequenceStart -> sequence((CollectionStartEvent) e, events);
                case Alias -> alias((AliasEvent) e);
                default -> throw new IllegalStateException("unexpected YAML event " + e.getEventId());
            };
            if (e instanceof NodeEvent ne && !(e instanceof AliasEvent)) {
                Anchor a = ne.getAnchor().orElse(null);
                if (a != null) {
                    anchors.put(a.getValue(), node);
                }
            }
            return node;
        }

        private YamlNode alias(AliasEvent e) {
            Anchor anchor = e.getAlias();
            YamlNode target = anchors.get(anchor.getValue());
            if (target == null) {
                diagnostics.add(Diagnostic.error(RULE, pos(e), "unknown alias *" + anchor.getValue())
                        .withHint("define the anchor &" + anchor.getValue() + " before using it"));
                return new YamlScalar("", YamlScalar.Type.NULL, YamlScalar.Style.PLAIN, pos(e), pos(e));
            }
            if (!(target instanceof YamlScalar) && ++aliasExpansions > MAX_ALIAS_EXPANSIONS) {
                diagnostics.add(Diagnostic.error(RULE, pos(e), "too many aliases (more than " + MAX_ALIAS_EXPANSIONS + ")"));
                return new YamlScalar("", YamlScalar.Type.NULL, YamlScalar.Style.PLAIN, pos(e), pos(e));
            }
            return target;
        }

        private YamlScalar scalar(ScalarEvent e) {
            YamlScalar.Style style = switch (e.getScalarStyle()) {
                case PLAIN -> YamlScalar.Style.PLAIN;
                case SINGLE_QUOTED -> YamlScalar.Style.SINGLE_QUOTED;
                case DOUBLE_QUOTED, JSON_SCALAR_STYLE -> YamlScalar.Style.DOUBLE_QUOTED;
                case LITERAL -> YamlScalar.Style.LITERAL;
                case FOLDED -> YamlScalar.Style.FOLDED;
            };
            YamlScalar.Type type;
            String tag = e.getTag().orElse(null);
            if (tag != null && !tag.equals("!")) {
                type = explicitType(tag, e, style);
            } else if (style == YamlScalar.Style.PLAIN) {
                type = CoreTypes.of(e.getValue());
            } else {
                type = YamlScalar.Type.STRING;
            }
            return new YamlScalar(e.getValue(), type, style, pos(e), endPos(e));
        }

        private YamlScalar.Type explicitType(String tag, ScalarEvent e, YamlScalar.Style style) {
            YamlScalar.Type type = switch (tag) {
                case "tag:yaml.org,2002:str" -> YamlScalar.Type.STRING;
                case "tag:yaml.org,2002:null" -> YamlScalar.Type.NULL;
                case "tag:yaml.org,2002:bool" -> YamlScalar.Type.BOOLEAN;
                case "tag:yaml.org,2002:int" -> YamlScalar.Type.INTEGER;
                case "tag:yaml.org,2002:float" -> YamlScalar.Type.FLOAT;
                default -> {
                    diagnostics.add(Diagnostic.error(RULE, pos(e), "unsupported YAML tag '" + tag + "'")
                            .withHint("GitHub supports only the core tags !!str, !!int, !!float, !!bool and !!null"));
                    yield YamlScalar.Type.STRING;
                }
            };
            if (type != YamlScalar.Type.STRING) {
                YamlScalar.Type resolved = CoreTypes.of(e.getValue());
                boolean fits = resolved == type || (type == YamlScalar.Type.FLOAT && resolved == YamlScalar.Type.INTEGER);
                if (style != YamlScalar.Style.PLAIN || !fits) {
                    diagnostics.add(Diagnostic.error(RULE, pos(e), "the value '" + e.getValue() + "' is not valid with the tag '" + tag + "'"));
                    return YamlScalar.Type.STRING;
                }
            }
            return type;
        }

        private YamlMapping mapping(CollectionStartEvent start, Iterator<Event> events) {
            checkCollectionTag(start, "tag:yaml.org,2002:map");
            List<YamlMapping.Entry> entries = new ArrayList<>();
            Set<String> seen = null; // built only for large mappings; small ones are scanned
            while (true) {
                Event k = events.next();
                if (k.getEventId() == Event.ID.MappingEnd) {
                    break;
                }
                YamlNode key = node(k, events);
                Event v = events.next();
                YamlNode value = node(v, events);
                if (!(key instanceof YamlScalar sk)) {
                    diagnostics.add(Diagnostic.error(RULE, key.position(), "a mapping key must be a string, not " + key.describe()));
                    continue;
                }
                if (sk.isNull() && sk.value().isEmpty()) {
                    diagnostics.add(Diagnostic.error(RULE, sk.position(), "a mapping key must not be empty"));
                    continue;
                }
                if (isDuplicate(entries, sk.value(), seen)) {
                    diagnostics.add(Diagnostic.error(RULE, sk.position(), "'" + sk.value() + "' is already defined")
                            .withHint("remove one of the two keys; YAML keys must be unique within a mapping"));
                    continue;
                }
                entries.add(new YamlMapping.Entry(sk, value));
                if (seen == null && entries.size() == 16) {
                    seen = new HashSet<>();
                    for (YamlMapping.Entry en : entries) {
                        seen.add(en.key().value());
                    }
                }
            }
            return new YamlMapping(entries, pos(start));
        }

        /** Whether {@code key} is already among {@code entries}; switches to a set past 16 entries. */
        private static boolean isDuplicate(List<YamlMapping.Entry> entries, String key, Set<String> seen) {
            if (seen != null) {
                return !seen.add(key);
            }
            for (int i = 0, n = entries.size(); i < n; i++) {
                if (entries.get(i).key().value().equals(key)) {
                    return true;
                }
            }
            return false;
        }

        private YamlSequence sequence(CollectionStartEvent start, Iterator<Event> events) {
            checkCollectionTag(start, "tag:yaml.org,2002:seq");
            List<YamlNode> items = new ArrayList<>();
            while (true) {
                Event e = events.next();
                if (e.getEventId() == Event.ID.SequenceEnd) {
                    break;
                }
                items.add(node(e, events));
            }
            return new YamlSequence(items, pos(start));
        }

        private void checkCollectionTag(CollectionStartEvent start, String expected) {
            String t = start.getTag().orElse(null);
            if (t != null && !t.equals("!") && !t.equals(expected)) {
                diagnostics.add(Diagnostic.error(RULE, pos(start), "unsupported YAML tag '" + t + "'"));
            }
        }

        private Position pos(Event e) {
            return at(e.getStartMark().orElse(null));
        }

        private Position endPos(Event e) {
            return at(e.getEndMark().orElse(null));
        }

        private Position at(Mark m) {
            return m == null ? Position.ofFile(file) : new Position(file, m.getLine() + 1, m.getColumn() + 1, 1);
        }
    }
}
