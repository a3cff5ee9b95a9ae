package dev.continuum.cli;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** A class's package must carry a package-info.java (STYLE.md: every package says its role). */
final class PackageInfoCondition extends ArchCondition<JavaClass> {

    static final PackageInfoCondition HAS_PACKAGE_INFO = new PackageInfoCondition();

    private PackageInfoCondition() {
        super("reside in a package with a package-info.java");
    }

    @Override
    public void check(JavaClass item, ConditionEvents events) {
        String name = item.getPackageName() + ".package-info";
        boolean present = item.getClass().getClassLoader() != null
                && Thread.currentThread().getContextClassLoader().getResource(name.replace('.', '/') + ".class") != null;
        if (!present) {
            events.add(SimpleConditionEvent.violated(item, item.getPackageName() + " has no package-info.java"));
        }
    }
}
