package dev.continuum.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {

    private static final String MARKER = "CONTINUUM_TEST_TRACKING_ID";

    private final String id = UUID.randomUUID().toString();
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void linuxWithSetsid() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");
        assumeTrue(!ProcessTree.launcher().isEmpty(), "needs setsid on PATH");
    }

    @AfterEach
    void cleanUp() {
        ProcessTree.killByEnvironment(MARKER, id);
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void theLauncherStartsAProcessInItsOwnGroup() throws Exception {
        Process shell = start("sleep 100");
        waitForMarked(1);
        // setsid execs with the marker already set and only then calls setsid(2): give it a moment.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ProcessTree.processGroup(shell.pid()).orElse(-1) != shell.pid() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(ProcessTree.processGroup(shell.pid())).hasValue(shell.pid());
        assertThat(ProcessTree.processGroup(ProcessHandle.current().pid())).isNotEqualTo(
                ProcessTree.processGroup(shell.pid()));
    }

    @Test
    void terminatingTheGroupEndsTheShellAndItsBackgroundJobs() throws Exception {
        Process shell = start("sleep 100 & sleep 100 & wait");
        waitForMarked(3);

        long begin = System.nanoTime();
        ProcessTree.terminateGroup(shell.pid(), Duration.ofSeconds(2));

        assertThat(shell.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessTree.findByEnvironment(MARKER, id)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void terminatingRightAfterTheStartEndsTheProcessEvenBeforeItLeadsItsGroup() throws Exception {
        Process shell = start("sleep 100");

        ProcessTree.terminateGroup(shell.pid(), Duration.ofSeconds(2));

        assertThat(shell.waitFor(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void withoutSetsidTheProcessAndItsChildrenAreEnded() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", "sleep 100 & wait")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(MARKER, id);
        Process shell = builder.start();
        started.add(shell);
        waitForMarked(2);

        ProcessTree.terminateGroup(shell.pid(), Duration.ofSeconds(2));

        assertThat(shell.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessTree.findByEnvironment(MARKER, id)).isEmpty();
        assertThat(ProcessHandle.current().isAlive()).as("the JVM's own group is not touched").isTrue();
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
        Process shell = start("trap '' TERM; sleep 100 & wait; sleep 100");
        waitForMarked(2);

        ProcessTree.terminateGroup(shell.pid(), Duration.ofMillis(300));

        assertThat(shell.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessTree.findByEnvironment(MARKER, id)).isEmpty();
    }

    @Test
    void aDaemonThatLeftTheGroupIsFoundAndKilledByItsMarker() throws Exception {
        Process shell = start("setsid sleep 100 & nohup sleep 100 >/dev/null 2>&1 & exit 0");
        assertThat(shell.waitFor(5, TimeUnit.SECONDS)).isTrue();
        List<ProcessHandle> orphans = waitForMarked(2);

        int killed = ProcessTree.killByEnvironment(MARKER, id);

        assertThat(killed).isEqualTo(2);
        for (ProcessHandle orphan : orphans) {
            orphan.onExit().get(5, TimeUnit.SECONDS);
            assertThat(orphan.isAlive()).isFalse();
        }
        assertThat(ProcessTree.findByEnvironment(MARKER, id)).isEmpty();
    }

    @Test
    void anotherMarkerValueIsLeftAlone() throws Exception {
        start("sleep 100");
        waitForMarked(1);

        assertThat(ProcessTree.killByEnvironment(MARKER, id + "-other")).isZero();
        assertThat(ProcessTree.findByEnvironment(MARKER, id)).hasSize(1);
    }

    private Process start(String script) throws Exception {
        List<String> command = new ArrayList<>(ProcessTree.launcher());
        command.addAll(List.of("bash", "-c", script));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(MARKER, id);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private List<ProcessHandle> waitForMarked(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<ProcessHandle> found = ProcessTree.findByEnvironment(MARKER, id);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = ProcessTree.findByEnvironment(MARKER, id);
        }
        assertThat(found).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }
}
