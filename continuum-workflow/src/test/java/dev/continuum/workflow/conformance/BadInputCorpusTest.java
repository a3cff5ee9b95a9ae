package dev.continuum.workflow.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.workflow.validate.ActionValidator;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every YAML file of the shared conformance data, whatever it is, goes through the validator: bad input must
 * give diagnostics, never an exception or a hang.
 *
 * <p>Multi-document parser vectors are also fed document by document; action files also go through
 * {@link ActionValidator}.
 */
class BadInputCorpusTest {

    private static final Pattern SEPARATOR = Pattern.compile("\\r?\\n---\\r?\\n");
    private static final long SECONDS_PER_INPUT = 20;

    @Test
    void validatorNeverThrowsOnAnyCorpusFile() throws IOException, InterruptedException {
        Path root = SharedData.require("");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .sorted().toList();
        }
        assertThat(files).isNotEmpty();
        // A daemon thread per input, so that a hang is reported and cannot keep the test JVM alive.
        ExecutorService pool = newWorker();
        List<String> failures = new ArrayList<>();
        int inputs = 0;
        try {
            for (Path f : files) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                byte[] bytes = SharedData.bytes(f);
                ValidationOptions options = new ValidationOptions(Set.of(), SharedData.filesUnder(f.getParent()));
                List<Input> todo = new ArrayList<>();
                todo.add(new Input(rel, () -> new WorkflowValidator(options).validate(".github/workflows/" + f.getFileName(), bytes)));
                if (f.getFileName().toString().startsWith("action.")) {
                    todo.add(new Input(rel + " (as action)", () -> new ActionValidator(options).validate(f.getFileName().toString(), bytes)));
                }
                if (rel.startsWith("github-workflow-parser/")) {
                    String[] docs = SEPARATOR.split(new String(bytes, StandardCharsets.UTF_8), -1);
                    for (int i = 0; i < docs.length; i++) {
                        String doc = docs[i];
                        todo.add(new Input(rel + " (document " + i + ")",
                                () -> new WorkflowValidator(options).validate(".github/workflows/" + f.getFileName(), doc)));
                    }
                }
                for (Input in : todo) {
                    inputs++;
                    Future<?> done = pool.submit(in.run());
                    try {
                        done.get(SECONDS_PER_INPUT, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        Throwable c = e.getCause();
                        StackTraceElement[] st = c.getStackTrace();
                        failures.add(in.name() + ": " + c + (st.length > 0 ? " at " + st[0] : ""));
                    } catch (TimeoutException e) {
                        failures.add(in.name() + ": no result after " + SECONDS_PER_INPUT + " s");
                        done.cancel(true);
                        pool.shutdownNow();
                        pool = newWorker();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        String rate = SharedData.rate("bad-input-corpus", inputs - failures.size(), inputs, "without exception");
        List<String> report = new ArrayList<>(List.of(rate, "files: " + files.size(), "", "== Exceptions and hangs"));
        report.addAll(failures);
        Path written = SharedData.report("bad-input-corpus", report);
        System.out.println(rate);
        assertThat(failures).as("validator threw or hung; see %s", written).isEmpty();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bad-input-corpus");
            t.setDaemon(true);
            return t;
        });
    }

    /** One validator call to make. */
    record Input(String name, Callable<?> run) {
    }
}
