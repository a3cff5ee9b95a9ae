package dev.continuum.workflow.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies that keep insertion order (the order keys appear in the file). */
final class Collections2 {

    private Collections2() {
    }

    static <K, V> Map<K, V> orderedCopy(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
